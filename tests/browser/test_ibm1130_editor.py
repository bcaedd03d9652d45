"""Issue 12, section 3: the 1130 page's assembler editor with a 10,000-line
program, in Chromium, done as the user does it: typing at the end and in
the middle lands in the program, Ctrl+Z takes it back, it is kept in the
browser, and only the lines in view are in the page (the speed is
tests/browser/bench_editor.py's).  The page's <textarea id="source"> keeps
standing for the program, as scripts and checks use it.

Screenshots at desktop and phone sizes go to tests/artifacts/ to be looked at."""

from __future__ import annotations

from test_ibm1130 import ARTIFACTS, boot1130, shot

SOURCE_KEY = "retro1130.ibm1130.source"
# Column 21 of the ruler within a pixel of column 21 of line 8 (L0004).
COLUMN_21 = """() => {
  const x = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                           return r.getBoundingClientRect().x; };
  const line = [...document.querySelectorAll('#editor .cm-line')].find((l) => l.textContent.includes('L0004'));
  const ruler = x(document.querySelector('#ruler').firstChild, 20), label = x(line.firstChild, 20);
  return Math.abs(ruler - label) < 1;
}"""


def long_program(lines: int) -> str:
    body = ["                    * A LONG PROGRAM", "                          ABS",
            "                          ORG     /100"]
    for i in range(lines - 4):
        body.append(f"                    L{i:04d} DC      {i % 997:<6} LINE {i + 4}")
    body.append("                          END")
    return "\n".join(body) + "\n"


def value(page) -> str:
    return page.locator("#source").input_value()


def test_typing_in_a_10000_line_program(page, site):
    boot1130(page, site, "?fresh=1")
    text = long_program(10000)
    page.fill("#source", text)   # (a plain textarea takes minutes for this)
    assert value(page) == text
    assert page.evaluate("document.querySelector('#source').value") == text
    # Only the lines in view (and a margin) are in the page.
    rendered = page.locator("#editor .cm-line").count()
    assert 10 < rendered < 200, rendered
    # At the end ...
    page.click("#source")
    page.keyboard.press("Control+End")
    page.keyboard.type("* TYPED AT THE END\n")
    assert value(page) == text + "* TYPED AT THE END\n"
    assert page.locator("#gutter").get_by_text("10001", exact=True).count() == 1   # the numbers in view
    # ... and in the middle: the caret set by a script, then keys.
    middle = text.index("L5000")
    page.evaluate("(p) => document.querySelector('#source').setSelectionRange(p, p)", middle)
    page.keyboard.type("HERE ")
    typed = value(page)
    assert typed[middle:middle + 10] == "HERE L5000"
    assert page.evaluate("document.querySelector('#source').selectionStart") == middle + 5
    assert page.locator("#editor .cm-line", has_text="HERE L5000").count() == 1  # scrolled into view
    assert page.locator("#gutter").get_by_text("5005", exact=True).count() == 1
    # Kept in this browser soon after the last key.
    page.wait_for_function("([k, n]) => (localStorage.getItem(k) || '').length === n", arg=[SOURCE_KEY, len(typed)])
    assert page.evaluate("(k) => localStorage.getItem(k)", SOURCE_KEY) == typed
    # Ctrl+Z takes the typing back, then the end's; Ctrl+Shift+Z redoes.
    page.keyboard.press("Control+z")
    assert value(page) == text + "* TYPED AT THE END\n"
    page.keyboard.press("Control+z")
    page.keyboard.press("Control+z")
    assert value(page) == text
    page.keyboard.press("Control+Shift+z")
    assert value(page).startswith(text + "* TYPED AT THE END")
    assert not page.console_errors


def test_the_textarea_stands_for_the_editor(page, site):
    boot1130(page, site, "?fresh=1")
    ta = "document.querySelector('#source')"
    # One editor for the keyboard and screen readers: the textarea is out of
    # the tab order and hidden from them; the editor is a labelled text box.
    assert page.evaluate(f"{ta}.tabIndex") == -1
    assert page.get_attribute("#source", "aria-hidden") == "true"
    editor = page.get_by_role("textbox", name="assembler source")
    assert editor.count() == 1 and editor.get_attribute("contenteditable") == "true"
    # A script sets the program: the editor shows it, Ctrl+Z brings back the one before.
    before = value(page)
    page.evaluate(f"{ta}.value = '* SET BY A SCRIPT\\n'; {ta}.dispatchEvent(new Event('input'))")
    assert page.locator("#editor .cm-line").first.text_content() == "* SET BY A SCRIPT"
    assert value(page) == "* SET BY A SCRIPT\n"
    page.click("#source")
    page.keyboard.press("Control+z")
    assert value(page) == before
    # The caret and the selection, both ways.
    page.fill("#source", "                          ABS\n                    START WAIT\n")
    page.evaluate(f"{ta}.setSelectionRange(26, 29)")
    assert page.evaluate("getSelection().toString()") == "ABS"
    page.keyboard.press("End")
    assert page.evaluate(f"[{ta}.selectionStart, {ta}.selectionEnd]") == [29, 29]
    # playwright's type() into the textarea types into the program at the caret.
    page.type("#source", "\n                          ORG     /100")
    assert value(page) == "                          ABS\n                          ORG     /100\n                    START WAIT\n"
    page.keyboard.press("Control+End")
    page.keyboard.type("                          END     START\n")
    page.click("#asm-assemble")
    page.wait_for_function("document.querySelector('#asm-status').textContent.startsWith('Assembled')")
    # Shift+Tab, or Esc then Tab, leaves the editor; back in it, Tab is a field again.
    in_editor = "!!document.activeElement.closest('#editor')"
    page.click("#source")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(in_editor) is False
    page.click("#source")
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate(in_editor) is False
    page.click("#source")                       # the caret is where it was: at the end
    page.keyboard.press("Tab")
    assert page.evaluate(in_editor) is True and value(page).endswith("START\n" + " " * 20)
    assert not page.console_errors


def test_the_editor_at_desktop_and_phone_sizes(browser, site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, size, extra in (("desktop", {"width": 1200, "height": 900}, {}),
                              ("phone", {"width": 390, "height": 844}, {"has_touch": True, "is_mobile": True})):
        context = browser.new_context(viewport=size, device_scale_factor=1, **extra)
        page = context.new_page()
        boot1130(page, site, "?fresh=1")
        page.fill("#source", long_program(300).replace("L0004 DC      4     ", "L0004 DC      NOWHERE"))
        page.click("#asm-assemble")
        page.wait_for_selector("#errors li")
        page.locator("#errors li").first.click()       # the caret goes to the error, in view
        assert page.locator("#marks .line.err").get_attribute("data-line") == "8"
        assert page.locator("#gutter .err").text_content() == "✖ 8"
        wrap = page.locator(".editor-wrap").bounding_box()
        assert wrap["x"] >= 0 and wrap["x"] + wrap["width"] <= size["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        # The ruler's columns stand over the text's: column 21 over the label.
        assert page.evaluate(COLUMN_21)
        shot(page, f"ibm1130-editor-{name}.png", "#pane-program")
        # On the phone both scroll sideways together, inside their box.
        scrolled = page.locator(".editor-wrap").evaluate("(e) => { e.scrollLeft += 120; return e.scrollLeft; }")
        assert page.evaluate(COLUMN_21) and (scrolled > 0) == (name == "phone")
        context.close()
