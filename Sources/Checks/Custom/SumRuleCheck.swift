import Foundation
import Core

/// A `sum` rule from `.lintrc`: a linear identity over labelled amounts, checked in
/// every table that prints all its labels, per amount column, with the same
/// interval comparison within the printed precision as `sum-mismatch`.
struct SumRuleCheck: Check {
    let spec: CustomRuleSpec
    let identity: SumIdentity
    let columnFilter: [String]

    init(spec: CustomRuleSpec, identity: SumIdentity, columns: [String]) {
        self.spec = spec; self.identity = identity; self.columnFilter = columns.map(TextNormalizer.compact)
    }

    var descriptor: CheckDescriptor { CustomRules.descriptor(spec, rationale: "自定义求和规则：\(identity.source)。在每张同时列出这些项目的表中逐个金额列比较，按印刷精度（区间）判断，空单元格计为 0；缺少任一项目的表不检查。") }

    func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for (_, form, formName) in CustomRules.coveredForms(spec, context.report) {
            for table in AmountTable.all(in: form) {
                let left = identity.left.map { table.row(named: $0.labels) }
                let right = identity.right.map { table.row(named: $0.labels) }
                guard left.allSatisfy({ $0 != nil }), right.allSatisfy({ $0 != nil }) else { continue }
                for (ci, column) in table.columns.enumerated() where wanted(column) {
                    if let f = compare(left.map { $0! }, right.map { $0! }, column: ci, name: column, table: table,
                                       form: formName, settings: context.settings) {
                        findings.append(f)
                    }
                }
            }
        }
        return findings
    }

    private func wanted(_ column: String) -> Bool {
        columnFilter.isEmpty || columnFilter.contains { TextNormalizer.compact(column).contains($0) }
    }

    private func compare(_ left: [AmountTable.Row], _ right: [AmountTable.Row], column ci: Int, name: String, table: AmountTable,
                         form: String, settings: LintSettings) -> Finding? {
        let leftValues = left.map { ci < $0.values.count ? $0.values[ci] : nil }
        let rightValues = right.map { ci < $0.values.count ? $0.values[ci] : nil }
        // A column the table leaves blank for every term says nothing.
        guard !(leftValues + rightValues).allSatisfy({ $0.isBlank }) else { return nil }
        let leftNumbers = leftValues.map(\.amountOrZero), rightNumbers = rightValues.map(\.amountOrZero)
        guard leftNumbers.allSatisfy({ $0 != nil }), rightNumbers.allSatisfy({ $0 != nil }) else { return nil }
        let all = (leftNumbers + rightNumbers).map { $0! }
        // A whole number among decimals is a display that dropped its zeros (as in sum-mismatch).
        let finest = all.map(\.magnitudeDecimals).max() ?? 0
        func side(_ numbers: [PrintedNumber?], _ terms: [SumIdentity.Term]) -> (Interval, Decimal) {
            zip(numbers, terms).reduce((Interval.zero, Decimal(0))) { acc, pair in
                let n = pair.0!
                let i = n.interval(settings.rounding, decimals: n.decimals == 0 ? finest : nil)
                return pair.1.negative ? (acc.0 - i, acc.1 - n.magnitude) : (acc.0 + i, acc.1 + n.magnitude)
            }
        }
        let (li, lv) = side(leftNumbers, identity.left), (ri, rv) = side(rightNumbers, identity.right)
        let tol = settings.absoluteTolerance
        let agrees: Bool
        switch identity.relation {
        case .equal: agrees = li.widened(by: tol).overlaps(ri)
        case .atMost: agrees = li.lo <= ri.hi + tol
        case .atLeast: agrees = li.hi + tol >= ri.lo
        }
        guard !agrees else { return nil }
        let places = all.map(\.magnitudeDecimals).max() ?? 0
        let leftText = left.count == 1 ? Describe.shown(leftValues[0]) : lv.formatted(places: places)
        let rightText = rv.formatted(places: places)
        let anchor = leftValues[0]?.location ?? left[0].location
        let related = zip(right, rightValues).map { row, v in
            RelatedLocation(location: v?.location ?? row.location, message: "\(row.label)：\(Describe.shown(v))")
        }
        let relation = identity.relation == .equal ? "=" : identity.relation == .atMost ? "≤" : "≥"
        let labels = identity.left.map { $0.labels[0] }.joined(separator: " + ")
        let values: [String: String] = [
            "rule": spec.id, "form": form, "table": table.title, "column": name, "expression": identity.source,
            "label": labels, "expected": rightText, "actual": leftText,
        ]
        let fallback = "「\(table.title)」\(name)：\(identity.source) 不成立——\(labels) 为 \(leftText)，按右边各项应 \(relation) \(rightText)"
        let message = spec.message.map { CustomRuleSpec.render($0, values) } ?? fallback
        return Finding(message, at: anchor, related: related, expected: rightText, actual: leftText,
                       subject: "\(form)/\(table.title)/\(name)/\(identity.source)")
    }
}
