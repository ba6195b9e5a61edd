"""One layout function per template: a random printing of that sheet.

Each ``draw_<template>(w, rng, fy, seq, seed)`` prints one sheet of
document fiscal year ``fy`` (western) onto :class:`pdf.Writer` ``w``,
starting on a new page, with printing choices drawn from ``rng``
(``random.Random``), and returns its sheet record (:mod:`truth`), the facts
being those the writer recorded while printing this sheet.  Layouts follow
the samples' builders (samples/build/hiratsuka.py, atsugi.py, which follow
the seeds); what varies is listed in each sheet's ``features``:

* all: paper (A4/A3), orientation, font (IPAexGothic, IPAexMincho, Noto
  Sans CJK JP), font size, era form of year labels, value form;
* year_columns (000, 002): number of actual years (2-5), baseline label,
  unit column position (after the name or last), target group before or
  after the actuals, 目標値 header with its own year (目標値（5年度）),
  author line breaks in names, name column width, broken latest actuals
  (集計中, 調査中, -), long tables breaking pages with or without a repeated
  header;
* 000 決算額: caption in the header cell or printed above the table, 執行率 /
  事業費 label spellings;
* 004: years (2-5), year label form, rows per page, measure row order,
  the header block repeated on every page or printed once, names of an
  indicator replaced mid-period in one cell ("R3~4 A" / "R5 B", seed 004),
  broken cells (#VALUE!, 集計中, 年度末に調査, -, 0人(中止)), the legend's
  estimate sentence in R or 令和 form;
* 001: years (2-5), caption above the table or in its header cell, the
  （単位：…） note (千円, none, or 円 with amounts in 円), row label spellings.
"""
from __future__ import annotations

import random

from samples.generate import content, forms, truth
from samples.generate.fonts import FAMILIES
from samples.generate.pdf import Block, Cell, Writer

SHISAKU = "hiratsuka_shisaku_hyoka"
KOBETSU = "hiratsuka_kobetsu_shisaku"
TORIKUMI = "atsugi_jisshi_keikaku_torikumi"
JIGYO = "hiratsuka_jigyo_hyoka"
TEMPLATES = (SHISAKU, KOBETSU, TORIKUMI, JIGYO)
#: Document fiscal years each template is generated for (the seeds' plan periods).
YEARS = {SHISAKU: (2019, 2025), KOBETSU: (2016, 2020), TORIKUMI: (2021, 2026), JIGYO: (2014, 2021)}


def _style(w: Writer, rng: random.Random, feats: dict, *, landscape_p: float = 0.5,
           sizes=(8.0, 8.5, 9.0, 10.0)) -> None:
    paper = rng.choice(("A4", "A4", "A3"))
    orient = "landscape" if rng.random() < landscape_p else "portrait"
    font = rng.choice(FAMILIES)
    size = rng.choice(sizes)
    if paper == "A3":
        size += 2
    w.set_style(paper, orient, font, size)
    w.footer = rng.choice((None, None, "dash", "page"))
    feats.update(paper=paper, orientation=orient, font=font, font_size=str(size), footer=str(w.footer))


def _page_era_context(w: Writer, rng: random.Random, fy: int, feats: dict) -> None:
    """For bare year labels: print the era elsewhere with probability 0.5
    (作成日 line in 令和/平成 form, which names no 年度); else only the PDF
    date gives it."""
    if feats.get("era_form", "").startswith("bare"):
        if rng.random() < 0.5:
            era, _, n = forms.era_of(fy + 1)
            n = "元" if n == 1 else n
            w.heading(f"作成日：{era}{n}年{rng.randint(6, 9)}月{rng.randint(1, 28)}日", size=w.font_size - 1,
                      align="right", after=2)
            feats["era_context"] = "printed"
        else:
            feats["era_context"] = "pdf_date"


def _value_cell(rng: random.Random, template: str, ind: content.Indicator, fy: int | None, measure: str,
                value: float | None, vform: str, unit_in_cell: bool, *, blank: bool = False) -> tuple[str, dict]:
    """Text and truth of one year_columns value cell."""
    name = ind.name
    if blank or value is None:
        return "", truth.indicator(template, name, fy, measure, None, "missing", ind.unit, "", "blank")
    form = vform
    if ind.unit == "%" and form == "fullwidth":
        form = "comma"
    text = forms.number(value, ind.decimals, form, ind.unit if (form == "suffix" or unit_in_cell) else None)
    if unit_in_cell and form != "suffix":
        text += ind.unit
        form = "suffix"
    return text, truth.indicator(template, name, fy, measure, float(value), "ok", ind.unit, text, form)


def _year_columns_table(w: Writer, rng: random.Random, template: str, fy: int, feats: dict,
                        n_ind: tuple[int, int]) -> None:
    """The 指標名 | 単位 | 実績値 (baseline, years) | 目標値 table of 000 / 002."""
    n_years = rng.randint(2, 5)
    future = rng.choice((0, 0, 1)) if template == KOBETSU else 0
    years = list(range(fy - n_years + 1, fy + 1 + future))
    target_year = fy + rng.choice((0, 1, 2)) + future
    era_form = feats["era_form"]
    heisei_2019 = rng.random() < 0.3
    baseline = rng.choice(forms.BASELINE_LABELS)
    unit_pos = rng.choice(("after_name", "after_name", "last"))
    order = rng.choice(("actual_first", "actual_first", "actual_first", "target_first"))
    vform = feats["value_form"]
    n = rng.randint(*n_ind) if rng.random() < 0.8 else rng.randint(12, 22)
    inds = content.pick_indicators(rng, n)
    wrap_names = rng.random() < 0.3
    if wrap_names:
        inds = [content.Indicator(i.name[: len(i.name) // 2] + "\n" + i.name[len(i.name) // 2:], i.unit, i.decimals)
                if len(i.name) > 8 else i for i in inds]
    feats.update(n_indicators="many" if n >= 12 else "few")
    feats.update(n_years=str(n_years), baseline=baseline.replace("\n", ""), unit_position=unit_pos,
                 group_order=order, author_breaks=str(wrap_names), future_years=str(future))
    total = w.width
    name_frac = rng.uniform(0.25, 0.45)
    n_val = 1 + len(years) + 1
    unit_w = max(22.0, w.font_size * 2.6)
    val_w = (total * (1 - name_frac) - unit_w) / n_val
    name_w = total - unit_w - val_w * n_val
    feats["name_width_pt"] = f"{round(name_w / 40) * 40}"
    # column order
    actual_cols = ["baseline"] + [("actual", y) for y in years]
    target_cols = [("target", target_year)]
    value_cols = actual_cols + target_cols if order == "actual_first" else target_cols + actual_cols
    cols = ["name", "unit"] + value_cols if unit_pos == "after_name" else ["name"] + value_cols + ["unit"]
    widths = [name_w if c == "name" else unit_w if c == "unit" else val_w for c in cols]
    ci = {str(c): i for i, c in enumerate(cols)}
    hsize = w.font_size - (1 if len(years) >= 4 else 0.5)
    head = Block(2, min_height=14)
    head.cells.append(Cell(0, ci["name"], "指標名", rows=2, align="center", shade=True))
    head.cells.append(Cell(0, ci["unit"], "単位" if rng.random() < 0.6 else "単\n位", rows=2, align="center",
                           shade=True, size=hsize))
    a0 = ci[str(actual_cols[0])]
    head.cells.append(Cell(0, a0, "実績値", cols=len(actual_cols), align="center", shade=True))
    target_own = rng.random() < 0.2  # 目標値（5年度） in one header cell, no sub-header
    feats["target_header"] = "own_year" if target_own else "sub_header"
    if target_own:
        label = forms.year_label(target_year, era_form, heisei_2019, printed=fy + 1)
        head.cells.append(Cell(0, ci[str(target_cols[0])], f"目標値\n（{label}）", rows=2, align="center",
                               shade=True, size=hsize))
    else:
        head.cells.append(Cell(0, ci[str(target_cols[0])], "目標値", align="center", shade=True))
    for c in value_cols:
        if target_own and c == target_cols[0]:
            continue
        if c == "baseline":
            label = baseline
        else:
            label = forms.year_label(c[1], era_form, heisei_2019, printed=fy + 1)
        head.cells.append(Cell(1, ci[str(c)], label, align="center", shade=True, size=hsize))
    body = []
    unit_in_cell = rng.random() < 0.15
    p_broken = rng.choice((0.0, 0.0, 0.2))
    feats["unit_in_cells"] = str(unit_in_cell)
    feats["broken_latest"] = str(p_broken > 0)
    for ind in inds:
        base, vals, target = content.series(rng, ind, len(years))
        b = Block(1, min_height=18)
        b.cells.append(Cell(0, ci["name"], ind.name))
        b.cells.append(Cell(0, ci["unit"], ind.unit, align="center"))
        text, fact = _value_cell(rng, template, ind, None, "baseline", base, vform, unit_in_cell)
        b.cells.append(Cell(0, ci["baseline"], text, align="right", fact=fact))
        for y, v in zip(years, vals):
            blank = y > fy
            text, fact = _value_cell(rng, template, ind, y, "actual", v, vform, unit_in_cell, blank=blank)
            if y == fy and body and rng.random() < p_broken:
                # the latest figure not final yet, or not applicable (seed 005-style sheets)
                text = rng.choice(("集計中", "-", "－", "調査中"))
                status = "pending" if text in ("集計中", "調査中") else "not_applicable"
                fact = truth.indicator(template, ind.name, y, "actual", None, status, ind.unit, text,
                                       "pending" if status == "pending" else "dash")
            b.cells.append(Cell(0, ci[str(("actual", y))], text, align="right", fact=fact))
        text, fact = _value_cell(rng, template, ind, target_year, "target", target, vform, unit_in_cell)
        b.cells.append(Cell(0, ci[str(target_cols[0])], text, align="right", fact=fact))
        body.append(b)
    repeat = rng.random() < 0.7
    first_page = w.page
    w.table(widths, body, [head], repeat_header=repeat)
    feats["table_pages"] = str(w.page - first_page + 1)
    feats["repeat_header"] = str(repeat) if w.page > first_page else "n/a"


def _section(w: Writer, heading: str, paragraphs: list[str]) -> None:
    widths = [w.width]
    body = Block(1, [Cell(0, 0, "\n".join(paragraphs), valign="top")], min_height=30)
    w.table(widths, [body], [Block(1, [Cell(0, 0, heading, shade=True)])])
    w.gap(8)


def draw_shisaku(w: Writer, rng: random.Random, fy: int, seq: int, seed: int) -> dict:
    """施策評価シート【分野別施策】 (seed 000; samples/build/hiratsuka.py _sheet_000)."""
    feats: dict = {"era_form": rng.choice(forms.ERA_FORMS), "value_form": rng.choice(forms.VALUE_FORMS)}
    _style(w, rng, feats, landscape_p=0.4)
    start = len(w.facts)
    first = w.new_page()
    title = "施策評価シート【分野別施策】"
    title_year = rng.random() < 0.4
    if title_year:
        title += f"（{forms.year_label(fy, 'kanji')}）"
    feats["title_year"] = str(title_year)
    w.heading(title, size=w.font_size + 5, align="center", after=6)
    _page_era_context(w, rng, fy, feats)
    code = f"{forms.maybe_fullwidth(str(rng.randint(1, 9)), rng, 0.8)}－{'①②③④⑤'[rng.randint(0, 4)]}"
    pname = rng.choice(content.POLICY_NAMES)
    cw = [w.width * 0.12, w.width * 0.6, w.width * 0.28]
    w.table(cw, [Block(1, [Cell(0, 0, code, align="center"), Cell(0, 1, pname), Cell(0, 2, "産業振興部", align="center")],
                       min_height=22)],
            [Block(1, [Cell(0, 0, "施策名", cols=2, align="center", shade=True),
                       Cell(0, 2, "関係部", align="center", shade=True)])])
    w.gap(8)
    w.heading("所管事業に関連する成果指標", after=3)
    _year_columns_table(w, rng, SHISAKU, fy, feats, (3, 8))
    w.gap(8)
    texts = content.seed_texts()
    _section(w, "関連事業", texts["000_projects"])
    # 決算額
    n_b = rng.randint(2, 5)
    byears = list(range(fy - n_b + 1, fy + 1))
    caption = rng.choice(("in_cell", "in_cell", "above"))
    rate_label = rng.choice(forms.RATE_LABELS)
    cost_label = rng.choice(forms.COST_LABELS)
    feats.update(budget_caption=caption, rate_label=rate_label, cost_label=cost_label, budget_years=str(n_b))
    if caption == "above":
        w.heading("決算額", after=2)
    lw = w.width * 0.25
    widths = [lw] + [(w.width - lw) / n_b] * n_b
    head = Block(1, [Cell(0, 0, "決算額" if caption == "in_cell" else "区分", align="center", shade=True)]
                 + [Cell(0, 1 + i, forms.year_label(y, feats["era_form"], printed=fy + 1), align="center", shade=True)
                    for i, y in enumerate(byears)])
    cost = Block(1, [Cell(0, 0, cost_label)])
    rate = Block(1, [Cell(0, 0, rate_label)])
    for i, y in enumerate(byears):
        amount = float(rng.randint(20_000, 3_000_000))
        r = round(rng.uniform(85, 99.9), 2)
        vform = feats["value_form"] if feats["value_form"] != "suffix" else "comma"
        t = forms.number(amount, 0, vform)
        cost.cells.append(Cell(0, 1 + i, t, align="right",
                               fact=truth.budget(SHISAKU, "事業費", y, amount, "ok", "千円", t, vform)))
        t = forms.number(r, 2, "plain" if vform != "fullwidth" else "fullwidth")
        rate.cells.append(Cell(0, 1 + i, t, align="right",
                               fact=truth.budget(SHISAKU, "執行率", y, r, "ok", "%", t, vform)))
    w.table(widths, [cost, rate], [head])
    w.gap(8)
    _section(w, "施策の推進に向けた主な取組の「成果」", rng.sample(texts["000_results"], 2))
    _section(w, "施策を推進する上での「主な課題（・）」と課題解決を図るための「取組方針（⇒）」", texts["000_issues"][:4])
    return truth.sheet_record(SHISAKU, seed, seq, first, w.page, fy, code, None, feats, w.facts[start:])


def draw_kobetsu(w: Writer, rng: random.Random, fy: int, seq: int, seed: int) -> dict:
    """個別施策 KPI sheet (seed 002; samples/build/hiratsuka.py _sheet_002)."""
    feats: dict = {"era_form": rng.choice(forms.ERA_FORMS), "value_form": rng.choice(forms.VALUE_FORMS)}
    _style(w, rng, feats, landscape_p=0.6)
    start = len(w.facts)
    first = w.new_page()
    _page_era_context(w, rng, fy, feats)
    roman = rng.choice(("I", "II", "III", "Ⅰ", "Ⅱ"))
    code = f"{roman} - ({rng.randint(1, 5)})"
    pname = rng.choice(content.POLICY_NAMES)
    w.table([w.width * 0.25, w.width * 0.75],
            [Block(1, [Cell(0, 0, f"個別施策 {code}", align="center", shade=True, size=w.font_size + 2),
                       Cell(0, 1, pname, size=w.font_size + 3)], min_height=26)])
    w.gap(8)
    w.heading("重要業績評価指標 (KPI)", after=3)
    _year_columns_table(w, rng, KOBETSU, fy, feats, (2, 6))
    w.gap(8)
    texts = content.seed_texts()
    _section(w, "施策の推進に向けた主な取組の「成果」", ["・" + t for t in rng.sample(texts["002_results"], 2)])
    half = w.width / 2
    w.table([half, half], [Block(1, [Cell(0, 0, "●" + texts["002_issues"][0], valign="top"),
                                     Cell(0, 1, "●" + texts["002_policies"][0], valign="top")])],
            [Block(1, [Cell(0, 0, "施策を推進する上での「課題」", align="center", shade=True),
                       Cell(0, 1, "課題解決を図るための「取組方針」", align="center", shade=True)])])
    w.gap(8)
    _section(w, "関連する【取組】と（事業）", texts["002_related"][:3])
    return truth.sheet_record(KOBETSU, seed, seq, first, w.page, fy, code, None, feats, w.facts[start:])


# ---------------------------------------------------------------------------
# 004 取組状況 (measure_rows)
# ---------------------------------------------------------------------------

LEGEND = ("・達成見込み … 達成率100%以上", "・概ね達成見込み … 達成率80%以上100%未満", "・未達成見込み … 達成率80%未満")
SUMMARY = (("プラン全体", "36単位施策"), ("成果指標達成見込み", "19単位施策"), ("成果指標未達成見込み", "9単位施策"),
           ("成果指標集計中等", "8単位施策"))


def _verdict(rate: float, estimate: bool) -> str:
    v = "達成" if rate >= 100 else "概ね達成" if rate >= 80 else "未達成"
    return v + ("見込み" if estimate else "")


def draw_torikumi(w: Writer, rng: random.Random, fy: int, seq: int, seed: int) -> dict:
    """厚木市 実施計画 取組状況 成果指標 table (seed 004; samples/build/atsugi.py
    build_indicator_sheet): a header block repeated on every page, then
    4-row groups (目標 / 実績 / 結果 / 達成率) per indicator."""
    T = TORIKUMI
    feats: dict = {"value_form": rng.choice(("comma", "comma", "fullwidth", "plain"))}
    _style(w, rng, feats, landscape_p=0.7, sizes=(7.0, 7.5, 8.0))
    n_years = min(rng.randint(2, 5), fy - 2018)  # a 令和 plan: its first year is R1 at the earliest
    years = list(range(fy - n_years + 1, fy + 1))
    year_form = rng.choice(("letter", "letter", "kanji", "letter_nendo", "bare"))
    per_page = rng.randint(3, 12)
    order = rng.choice((("目標", "実績", "結果", "達成率"), ("目標", "実績", "結果", "達成率"),
                        ("目標", "実績", "達成率", "結果")))
    legend_form = rng.choice(("letter", "kanji"))
    n_ind = rng.randint(6, 24)
    feats.update(n_years=str(n_years), era_form=year_form, rows_per_page=str(per_page),
                 measure_order="/".join(order), legend_form=legend_form, n_indicators=str(n_ind))
    est_year = fy
    done = years[:-1]
    if legend_form == "letter":
        note = "…" + "・".join(f"R{y - 2018}" if i == 0 else str(y - 2018) for i, y in enumerate(done)) + "は確定値。" \
               + f"R{est_year - 2018}は見込値。"
    else:
        note = "…" + "、".join(forms.year_label(y, "kanji") for y in done) + "は確定値。" \
               + f"{forms.year_label(est_year, 'kanji')}は見込値。"
    title = f"{forms.year_label(fy, 'kanji')}取組状況"
    start = len(w.facts)
    first = w.new_page()
    # widths: No, code, policy, indicator, label, years..., remark
    total = w.width
    fixed = [0.04, 0.09, 0.14, 0.18, 0.05]
    remark = rng.uniform(0.15, 0.25)
    yw = (1 - sum(fixed) - remark) / n_years
    widths = [total * f for f in fixed] + [total * yw] * n_years + [total * remark]

    def header_block():
        w.heading(title, size=w.font_size + 6, after=3)
        top = w.cursor
        sw = [widths[1] + widths[2], widths[3]]
        w.table(sw, [Block(1, [Cell(0, 0, a), Cell(0, 1, b)], min_height=12) for a, b in SUMMARY], x0=w.left + widths[0])
        end = w.cursor
        lx = w.left + sum(widths[:5])
        w.cursor = top
        w.heading("〔結果の見方〕", size=w.font_size, x=lx, after=0)
        for line in LEGEND:
            w.heading(line, size=w.font_size, x=lx, after=0)
        rx = w.left + sum(widths[:-1])
        w.cursor = top
        w.heading("〔実績について〕", size=w.font_size, x=rx, after=0)
        w.heading(note, size=w.font_size, x=rx, after=0)
        w.cursor = max(end, w.cursor) + 6

    labels = [forms.year_label(y, year_form) for y in years]
    head = Block(1, [Cell(0, i, t, align="center", shade=True) for i, t in
                     enumerate(("No.", "単位施策No.", "単位施策", "成果指標", "年度"))]
                 + [Cell(0, 5 + i, t, align="center", shade=True) for i, t in enumerate(labels)]
                 + [Cell(0, 5 + n_years, "後期実施計画(案)への反映", align="center", shade=True)], min_height=20)
    inds = content.pick_indicators(rng, n_ind, p_seed=0.6)
    body = []
    vform = feats["value_form"]
    p_ranged = rng.choice((0.0, 0.0, 0.15))
    ranged = 0
    for no, ind in enumerate(inds, start=1):
        code = ind.code or f"{rng.choice(('I', 'Ⅱ', 'Ⅲ'))}-{rng.randint(1, 3)}-({rng.randint(1, 3)})-{'①②③'[rng.randint(0, 2)]}"
        pol, rem = (ind.policy, ind.remark) if ind.code else content.policy_names(rng)
        unit = ind.unit
        b = Block(4, min_height=13)
        names = {y: ind.name for y in years}
        name_cell = ind.name
        if n_years >= 2 and rng.random() < p_ranged:
            # an indicator replaced mid-period, one cell (seed 004 No.12: "R3~4 A" / "R5 B")
            k = rng.randint(1, n_years - 1)
            taken = {i.name for i in inds}
            other = content.made_up_indicator(rng)
            while other.name in taken:
                other = content.made_up_indicator(rng)
            other = content.Indicator(other.name, ind.unit, ind.decimals)
            def span(ys):
                a, z = ys[0] - 2018, ys[-1] - 2018
                return f"R{a}~{z}" if a != z else f"R{a}"
            name_cell = f"{span(years[:k])} {ind.name}\n{span(years[k:])} {other.name}"
            names = {y: (ind.name if i < k else other.name) for i, y in enumerate(years)}
            ranged += 1
        b.cells += [Cell(0, 0, str(no), rows=4, align="center"), Cell(0, 1, code, rows=4, align="center"),
                    Cell(0, 2, pol, rows=4), Cell(0, 3, name_cell, rows=4), Cell(0, 5 + n_years, rem, rows=4)]
        rows = {m: order.index(m) for m in order}
        for m in order:
            b.cells.append(Cell(rows[m], 4, m, align="center"))
        _, vals, _ = content.series(rng, ind, n_years)
        broken = rng.random()
        stopped = broken < 0.08  # discontinued after the first year: "-" from then on
        for j, y in enumerate(years):
            est = y == est_year
            tgt = float(max(1, round((vals[j] or 1) * rng.uniform(0.6, 1.3), ind.decimals)))
            act = vals[j]
            col = 5 + j
            def put(m, text, value, status, form, unit_=unit, note=None, is_est=None):
                meas = {"目標": "target", "実績": "actual", "結果": "result", "達成率": "achievement_rate"}[m]
                e = est and meas != "target" if is_est is None else is_est
                b.cells.append(Cell(rows[m], col, text, align="center",
                                    fact=truth.indicator(T, names[y], y, meas, value, status, unit_, text, form,
                                                         is_estimate=e, note=note)))
            tform = vform if not (unit == "%" and vform == "fullwidth") else "comma"
            tt = forms.number(tgt, ind.decimals, tform, unit) + ("" if False else "")
            tt = forms.number(tgt, ind.decimals, tform) + unit
            put("目標", tt, tgt, "ok", tform)
            if stopped and j > 0:
                put("実績", "-", None, "not_applicable", "dash")
                put("結果", "-", None, "not_applicable", "dash", unit_=None)
                put("達成率", "-", None, "not_applicable", "dash", unit_="%")
                continue
            if est and rng.random() < 0.15:
                word = rng.choice(("集計中", "年度末に調査"))
                put("実績", word, None, "pending", "pending")
                put("結果", "#VALUE!", None, "source_error", "source_error", unit_=None)
                put("達成率", "#VALUE!", None, "source_error", "source_error", unit_="%")
                continue
            if rng.random() < 0.05 and unit in ("人", "件", "回"):
                act = 0.0
                at = f"0{unit}(中止)"
                put("実績", at, 0.0, "ok", "note", note="中止")
            else:
                at = forms.number(act, ind.decimals, tform) + unit
                put("実績", at, act, "ok", tform)
            rate = round(act / tgt * 100, 1)
            put("結果", _verdict(rate, est), None, "ok", "verdict", unit_=None)
            put("達成率", f"{rate:.1f}%", rate, "ok", "percent", unit_="%")
        body.append(b)
    repeat = rng.random() < 0.8
    feats["repeat_header"] = str(repeat)
    feats["ranged_names"] = str(ranged > 0)
    header_block()
    w.table(widths, body, [head], max_blocks_per_page=per_page, on_new_page=header_block if repeat else None,
            repeat_header=repeat)
    return truth.sheet_record(T, seed, seq, first, w.page, fy, None, None, feats, w.facts[start:])


# ---------------------------------------------------------------------------
# 001 事業評価シート (year_header budget)
# ---------------------------------------------------------------------------

FUNDING = (("国庫支出金", "国庫支出金"), ("県支出金", "県支出金"), ("起債", "起債"), ("その他　特財", "その他特財"),
           ("一般財源", "一般財源"))


def draw_jigyo(w: Writer, rng: random.Random, fy: int, seq: int, seed: int) -> dict:
    """事業評価シート (seed 001 / 001p; samples/build/hiratsuka.py _sheet_001)
    with a filled ３．年度別事業内容・決算額 table."""
    T = JIGYO
    s = content.seed_texts()["001"]
    feats: dict = {"value_form": rng.choice(("comma", "comma", "fullwidth", "plain")),
                   "era_form": rng.choice(("kanji", "kanji", "letter_nendo", "bare"))}
    _style(w, rng, feats, landscape_p=0.2, sizes=(8.0, 8.5, 9.0))
    n_years = rng.randint(2, 5)
    years = list(range(fy - n_years + 1, fy + 1))
    caption = rng.choice(("above", "above", "above", "in_cell"))
    unit_note = rng.choice(("千円", "千円", "none", "円"))
    cost_label = rng.choice(("事業費　(A)", "事業費（A）", "事業費"))
    rate_label = rng.choice(("執行率　(%)", "執行率（％）", "執行率(%)"))
    feats.update(n_years=str(n_years), budget_caption=caption, unit_caption=unit_note, cost_label=cost_label,
                 rate_label=rate_label)
    start = len(w.facts)
    first = w.new_page()
    era, _, n = forms.era_of(fy)
    w.heading(f"事業評価シート　（{era}{'元' if n == 1 else n}年度分）", size=w.font_size + 4, align="center", after=4)
    W = w.width
    lw = W * 0.22
    two = [lw, W - lw]
    w.heading(" １．事業の位置付け", after=2)
    project = content.project_name(rng)
    w.table(two, [Block(1, [Cell(0, 0, "事業名", align="center", shade=True), Cell(0, 1, project)]),
                  Block(1, [Cell(0, 0, "部・課", align="center", shade=True), Cell(0, 1, s["dept"])])])
    w.gap(6)
    w.heading(" ２．事業の検証", after=2)
    w.table(two, [Block(1, [Cell(0, 0, "事業の概要", align="center", shade=True), Cell(0, 1, s["outline"])]),
                  Block(1, [Cell(0, 0, "目的・目標", align="center", shade=True), Cell(0, 1, s["goal"])])])
    w.gap(4)
    done_label = f"{forms.year_label(fy, 'kanji')}の主な取組と成果"
    _section(w, done_label, [s["done"]])
    # ３．年度別事業内容・決算額
    unit_text = {"千円": "（単位：千円）", "円": "（単位：円）", "none": ""}[unit_note]
    caption_text = "３．年度別事業内容・決算額"
    if caption == "above":
        top = w.heading(" " + caption_text, after=2)
        if unit_text:
            save = w.cursor
            w.cursor = top
            w.heading(unit_text, size=w.font_size, align="right", after=0)
            w.cursor = save
    vw = (W - lw) / n_years
    widths = [lw * 0.3, lw * 0.7] + [vw] * n_years
    corner = (caption_text.lstrip("３．") + unit_text) if caption == "in_cell" else ""
    head = Block(1, [Cell(0, 0, corner, cols=2, shade=True, size=w.font_size - 1)]
                 + [Cell(0, 2 + i, forms.year_label(y, feats["era_form"]), align="center", shade=True)
                    for i, y in enumerate(years)])
    factor = 1000 if unit_note == "円" else 1
    unit = "円" if unit_note == "円" else "千円"
    vform = feats["value_form"]
    contents = Block(1, [Cell(0, 0, "事業内容", cols=2, align="center", shade=True)]
                     + [Cell(0, 2 + i, rng.choice(s["contents"]), valign="top", size=w.font_size - 1)
                        for i in range(n_years)], min_height=24)
    fund = Block(len(FUNDING) + 2, [Cell(0, 0, "財\n源\n内\n訳", rows=len(FUNDING), align="center", shade=True)])
    per_year = []
    for _ in years:
        amounts = {}
        for _, item in FUNDING:
            amounts[item] = rng.choice((0, None, rng.randint(100, 5000))) if item != "一般財源" else rng.randint(200, 6000)
        per_year.append(amounts)
    for r, (label, item) in enumerate(FUNDING):
        fund.cells.append(Cell(r, 1, label, shade=True))
        for i, y in enumerate(years):
            a = per_year[i][item]
            if a is None:
                fund.cells.append(Cell(r, 2 + i, "-", align="right",
                                       fact=truth.budget(T, item, y, None, "not_applicable", unit, "-", "dash")))
            else:
                v = float(a * factor)
                t = forms.number(v, 0, vform)
                fund.cells.append(Cell(r, 2 + i, t, align="right", fact=truth.budget(T, item, y, v, "ok", unit, t, vform)))
    r = len(FUNDING)
    fund.cells.append(Cell(r, 0, cost_label, cols=2, shade=True))
    fund.cells.append(Cell(r + 1, 0, rate_label, cols=2, shade=True))
    for i, y in enumerate(years):
        total = float(sum(a or 0 for a in per_year[i].values()) * factor)
        t = forms.number(total, 0, vform)
        fund.cells.append(Cell(r, 2 + i, t, align="right", fact=truth.budget(T, "事業費", y, total, "ok", unit, t, vform)))
        rate = round(rng.uniform(85, 100), 1)
        t = forms.number(rate, 1, "plain" if vform != "fullwidth" else "fullwidth")
        fund.cells.append(Cell(r + 1, 2 + i, t, align="right", fact=truth.budget(T, "執行率", y, rate, "ok", "%", t, vform)))
    w.table(widths, [contents, fund], [head])
    w.gap(6)
    w.heading(" ４．今後の事業展開（担当課としての提案）", after=2)
    _section(w, "今後に向けた課題の分析", [s["issues"]])
    _section(w, f"{forms.year_label(fy + 2, 'kanji', printed=fy + 1)}の取組方針", [s["policy"]])
    _section(w, "課長コメント", [s["comment"]])
    return truth.sheet_record(T, seed, seq, first, w.page, fy, None, project, feats, w.facts[start:])


DRAW = {SHISAKU: draw_shisaku, KOBETSU: draw_kobetsu, TORIKUMI: draw_torikumi, JIGYO: draw_jigyo}
