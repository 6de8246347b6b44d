/// The style sheet and the script of the HTML report, written beside its pages: the site opens
/// from the file system and fetches nothing from the network.
enum HTMLReportAssets {
    static let styleFile = "style.css"
    static let scriptFile = "report.js"

    static let css = """
    :root { --error: #fde0dc; --error-edge: #c62828; --warning: #fff3cd; --warning-edge: #b7791f;
            --note: #e3f2fd; --note-edge: #1565c0; --line: #c8c8c8; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; }
    a { color: #0b57d0; }
    header.top { padding: 12px 20px; background: #f5f5f5; border-bottom: 1px solid var(--line); }
    header.top h1 { margin: 0; font-size: 18px; word-break: break-all; }
    .counts span { margin-right: 12px; }
    .layout { display: flex; align-items: flex-start; }
    nav.findings { position: sticky; top: 0; width: 340px; max-height: 100vh; overflow: auto; flex: none;
                   padding: 8px 12px; border-right: 1px solid var(--line); background: #fafafa; font-size: 13px; }
    nav.findings ol { padding-left: 20px; margin: 0; }
    nav.findings li { margin: 4px 0; }
    nav.findings .rule { color: #666; }
    main { flex: 1; padding: 12px 20px; min-width: 0; overflow-x: auto; }
    h2.form-title { font-size: 16px; margin: 24px 0 8px; padding: 4px 8px; background: #eef3fb; border-left: 4px solid #0b57d0; }
    table.grid { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
    table.grid td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; white-space: pre-wrap; max-width: 28em; }
    table.plain { opacity: .85; }
    table.plain td { border-style: dotted; }
    td.sev-error, p.sev-error, li.sev-error::marker { background: var(--error); }
    td.sev-error, p.sev-error { outline: 2px solid var(--error-edge); }
    td.sev-warning, p.sev-warning { background: var(--warning); outline: 2px solid var(--warning-edge); }
    td.sev-note, p.sev-note { background: var(--note); outline: 2px solid var(--note-edge); }
    td.related { outline: 2px dashed #555; outline-offset: -3px; }
    .finding { display: block; margin-top: 4px; font-size: 12px; color: #5d1a00; white-space: normal; }
    .expected { display: inline-block; margin-left: 6px; padding: 0 4px; font-size: 12px; background: #fff; border: 1px solid #999; border-radius: 3px; }
    p.para { margin: 6px 0; white-space: pre-wrap; }
    p.heading { font-weight: bold; }
    .unplaced { padding: 8px 12px; background: #fff8e1; border: 1px solid #e0c36b; }
    :target { box-shadow: 0 0 0 4px #0b57d0; }
    table.index { border-collapse: collapse; margin: 12px 0; }
    table.index th, table.index td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; }
    table.index th { background: #f0f0f0; cursor: pointer; user-select: none; }
    table.index td.num { text-align: right; }
    tr.unreadable td { background: var(--error); }
    input.filter { margin: 8px 0; padding: 4px 8px; width: 320px; }
    footer { padding: 12px 20px; color: #777; font-size: 12px; }
    """

    /// Click a column header to sort; type in the filter box to keep matching rows. Nothing else.
    static let js = """
    "use strict";
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var body = table.tBodies[0];
      table.querySelectorAll("th").forEach(function (th, col) {
        var ascending = true;
        th.addEventListener("click", function () {
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
            var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
            var nx = Number(x), ny = Number(y);
            var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
            return ascending ? c : -c;
          });
          ascending = !ascending;
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
    document.querySelectorAll("input.filter").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("data-table"));
      input.addEventListener("input", function () {
        var q = input.value.trim().toLowerCase();
        Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
          r.style.display = !q || r.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
        });
      });
    });

    """
}
