/// Places a line's cells, in order, under a table's columns.
///
/// `pdftotext -layout` turns x positions into character columns at an average character
/// width, so after a run of wide (CJK) characters the rest of a line is pushed right or pulled
/// left (a long label pushes, a short one pulls), by about the same amount for every cell after it. A body line is therefore placed with one
/// drift for the cells after its first Chinese text; numbers are matched by their right
/// edges (amounts are right-aligned), text by its left edge. A line whose cells stand more
/// than `tolerance` columns from where the drift puts them is not placed (the table is then
/// left to the line-by-line reading rather than read into the wrong columns).
enum ColumnAssignment {
    struct Column {
        var start: Int
        var end: Int
        /// Whether the column holds amounts or codes (nil: a header cell's column, not known).
        var holdsNumbers: Bool?
        var center: Int { (start + end) / 2 }
    }

    /// How far (display columns) a cell may stand from its column once the drift is taken off.
    static let tolerance = 4
    /// A cell that shares a column with its neighbour: only when there are more cells than columns.
    static let sharedCost = 1000
    /// An empty cell between two cells of a line printed only a normal gap apart.
    static let skipCost = 10
    /// How much narrower than the skipped columns the gap over them may be.
    static let skipSlack = 6
    /// Text under a column of numbers, or a number under a column of text.
    static let mismatchCost = 40

    /// The column of each header fragment, in order: the one whose span over the body holds its
    /// centre (header cells are centred over their column), else the nearest.
    static func assignHeader(_ fragments: [LayoutLine.Fragment], to spans: [Column]) -> [Int] {
        solve(fragments.count, spans.count, cost: { i, j in
            let c = fragments[i].center, s = spans[j]
            let outside = c < s.start ? s.start - c : c >= s.end ? c - s.end + 1 : 0
            return 4 * outside + abs(c - s.center) / 4
        }).columns
    }

    /// The column of each body fragment, or nil when the line does not fit the columns.
    static func assignBody(_ fragments: [LayoutLine.Fragment], to columns: [Column]) -> [Int]? {
        guard !fragments.isEmpty, !columns.isEmpty else { return [] }
        // Cells after the first Chinese text may be pushed right by it.
        // Without Chinese text (a label printed on another line) the amounts may stand off all the same.
        let pushedFrom = fragments.firstIndex { f in f.text.unicodeScalars.contains { DisplayWidth.isCJK($0) } }.map { $0 + 1 }
            ?? fragments.firstIndex { LayoutLine.isAmount($0.text, $0.isNumber) } ?? fragments.count
        func anchor(_ f: LayoutLine.Fragment) -> Int { f.isNumber ? f.end : f.start }
        func anchor(_ c: Column) -> Int { c.holdsNumbers == true ? c.end : c.start }
        func misfit(_ i: Int, _ j: Int, _ drift: Int) -> Int {
            abs(anchor(fragments[i]) - anchor(columns[j]) - (i >= pushedFrom ? drift : 0))
        }
        // Candidate drifts: none, or what puts a pushed cell right under a column left of it.
        var drifts: Set<Int> = [0]
        if pushedFrom < fragments.count {
            for i in pushedFrom..<fragments.count {
                for c in columns {
                    let d = anchor(fragments[i]) - anchor(c)
                    if abs(d) <= 60 { drifts.insert(d) }
                }
            }
        }
        var best: (cost: Int, columns: [Int], drift: Int)?
        for drift in drifts.sorted() {
            let solved = solve(fragments.count, columns.count, cost: { i, j in
                var c = misfit(i, j, drift)
                if let numeric = columns[j].holdsNumbers, numeric != fragments[i].isNumber { c += mismatchCost }
                return c
            }, step: { i, from, to in
                // Skipping columns (empty cells) needs a gap about as wide as the skipped columns.
                let skipped = to - from - 1
                guard skipped > 0 else { return 0 }
                let gap = fragments[i].start - fragments[i - 1].end
                return gap + skipSlack < columns[to].start - columns[from].end ? skipCost * skipped : 0
            })
            // A small cost for the drift itself: of two fits, the one that assumes less pushing.
            let cost = solved.cost + abs(drift) / 4
            if best == nil || cost < best!.cost { best = (cost, solved.columns, drift) }
        }
        guard let chosen = best else { return nil }
        for (i, j) in chosen.columns.enumerated() {
            // A label may be indented ("  其中：…"): text before the push is not held to its column's edge.
            if misfit(i, j, chosen.drift) > tolerance && (fragments[i].isNumber || i >= pushedFrom) { return nil }
            if let numeric = columns[j].holdsNumbers, numeric != fragments[i].isNumber, fragments[i].isNumber { return nil }
        }
        return chosen.columns
    }

    /// The cheapest order-keeping placement of `n` fragments in `m` columns (a column shared
    /// by neighbours only at `sharedCost`); `step(i, from, to)` adds the cost of fragment i
    /// following fragment i-1 from column `from` to column `to`.
    private static func solve(_ n: Int, _ m: Int, cost: (Int, Int) -> Int, step: (Int, Int, Int) -> Int = { _, _, _ in 0 }) -> (cost: Int, columns: [Int]) {
        guard n > 0, m > 0 else { return (0, []) }
        let unreachable = Int.max / 4
        var best = [[Int]](repeating: [Int](repeating: unreachable, count: m), count: n)
        var from = [[Int]](repeating: [Int](repeating: -1, count: m), count: n)
        for j in 0..<m { best[0][j] = cost(0, j) }
        if n > 1 {
            for i in 1..<n {
                for j in 0..<m {
                    let here = cost(i, j)
                    for k in 0...j where best[i - 1][k] < unreachable {
                        let b = best[i - 1][k] + (k == j ? sharedCost : step(i, k, j)) + here
                        if b < best[i][j] { best[i][j] = b; from[i][j] = k }
                    }
                }
            }
        }
        var j = (0..<m).min { best[n - 1][$0] < best[n - 1][$1] }!
        let total = best[n - 1][j]
        var out = [Int](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            out[i] = j
            if i > 0 { j = from[i][j] }
        }
        return (total, out)
    }
}
