"""What the accessibility and CSP walks check on every page (tests/e2e/site.py): figures a reader can defend,
nothing sticking out sideways, no table cut off in its scroll box."""

from __future__ import annotations

from playwright.sync_api import Page

# Every figure a reader can defend. On every page of the walk, with every <details> open: no text meant for
# developers, no bare source code ("EVA 2024a") in place of the source's title, and no figure without a source line
# (a key figure, a suggestion's share, a coverage chart).
DEVELOPER_NOTE = (r"layoutet|betegnelse efterfulgt|\(\d\d eller \d\d\)|mulige værdier|label-then-figure|candidates"
                  r"|extraction order")
BARE_SOURCE_CODE = r"\bEVA,? ?20\d\d[a-d]\b"
PROVENANCE_JS = """([developer, bare]) => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const problems = [];
  const body = document.body.innerText;
  const note = body.match(new RegExp(developer));
  if (note) problems.push('developer note: ' + note[0]);
  const code = body.match(new RegExp(bare));
  if (code) problems.push('bare source code: ' + code[0]);
  document.querySelectorAll('li.fact').forEach(fact => {
    const source = fact.querySelector('.fact-source');
    if (!source || !source.innerText.includes('Kilde')) problems.push('key figure without a source: ' +
      fact.innerText.slice(0, 60));
  });
  document.querySelectorAll('li.suggestion').forEach(item => {
    if (!/EVA's kortlægning \\(2024\\)|EVA har intet tal/.test(item.innerText)) problems.push(
      'suggestion without the source of its share: ' + item.innerText.slice(0, 60));
  });
  document.querySelectorAll('figure.chart').forEach(chart => {
    const coverage = /^(chart-|national-|heatmap|adoption)/.test(chart.id);
    if (coverage && !chart.querySelector('.chart-source')) problems.push('chart without a source line: ' + chart.id);
  });
  return problems;
}"""


def provenance_problems(page: Page) -> list[str]:
    """What on the page a reader could not defend before a committee (see PROVENANCE_JS)."""
    return page.evaluate(PROVENANCE_JS, [DEVELOPER_NOTE, BARE_SOURCE_CODE])
def sideways_overflow(page: Page) -> list[str]:
    """What sticks out to the right of the viewport, when the document is wider than it (empty when not):
    the deepest elements whose right edge passes the viewport's, as 'tag#id.class (right edge px)'."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      const out = [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect();
        const outside = c => c.getBoundingClientRect().right > width + 1;
        return r.width > 0 && r.right > width + 1 && ![...e.children].some(outside);
      });
      return out.slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
        + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')
        .concat(['document ' + document.documentElement.scrollWidth + ' px wide']);
    }""")


def scrolled_tables(page: Page) -> list[str]:
    """The tables that do not fit their scroll box, so that part of a row (a problem's message) is out of sight
    until someone scrolls it sideways: 'caption or first header (table px > box px)'."""
    return page.evaluate("""() => [...document.querySelectorAll('.table-scroll')]
      .filter(box => box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1)
      .map(box => {
        const table = box.querySelector('table');
        const name = table && (table.caption || table.querySelector('th'));
        return (name ? name.innerText.trim().slice(0, 40) : box.className) + ' (' + box.scrollWidth + ' px > '
          + box.clientWidth + ' px)';
      })""")
