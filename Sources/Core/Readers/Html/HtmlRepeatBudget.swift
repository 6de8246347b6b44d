/// How many repeated cells (copies of a `rowspan` cell in the rows it covers) one page may
/// still produce. Shared by every table of the page: it starts at `base` and grows by one with
/// each real cell, so a page gets at most its own cell count plus `base` repeats, and hostile
/// spans cannot multiply a small file into a huge grid.
final class HtmlRepeatBudget {
    static let base = 20_000
    private(set) var remaining: Int

    init(base: Int = HtmlRepeatBudget.base) { remaining = base }

    /// A real cell was read: one more repeat is affordable.
    func earn() { remaining += 1 }

    /// Takes one repeat; false when the budget is spent.
    func spend() -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        return true
    }
}
