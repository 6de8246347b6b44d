import Core

/// A form's labelled amounts seen as one grid, so a `sum` rule reads ledgers and
/// the funding block alike: rows by label, one value per amount column.
struct AmountTable {
    struct Row {
        var label: String
        var location: SourceLocation
        var values: [Value?]
    }

    var title: String
    var columns: [String]
    var rows: [Row]

    /// The ledgers of a form, then its funding block (年度资金总额, its sources and breakdowns).
    static func all(in form: Form) -> [AmountTable] {
        var out = form.ledgers.map { l in
            AmountTable(title: l.title, columns: l.columns, rows: l.rows.map { Row(label: $0.label, location: $0.location, values: $0.values) })
        }
        if let f = form.funding {
            let columns = FundingColumn.allCases
            var rows = [Row(label: "年度资金总额", location: f.location, values: columns.map { f.value($0) })]
            rows += f.sources.map { s in Row(label: s.label, location: s.location, values: columns.map { s.value($0) }) }
            rows += f.incomeItems.map { Row(label: $0.label, location: $0.location, values: [nil, $0.value, nil]) }
            rows += f.expenditureItems.map { Row(label: $0.label, location: $0.location, values: [nil, nil, $0.value]) }
            out.append(AmountTable(title: "年度资金总额", columns: columns.map(\.title), rows: rows))
        }
        return out
    }

    /// The first row whose label, without list prefixes and punctuation, is one of `labels`.
    func row(named labels: [String]) -> Row? {
        rows.first { labels.contains(TextNormalizer.label($0.label)) }
    }
}
