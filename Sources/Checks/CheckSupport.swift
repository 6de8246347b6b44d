import Foundation
import Core

/// Small helpers the checks share: naming forms and printing numbers.
enum Describe {
    /// "2024年度项目支出绩效自评表（第3张）" style names of a report's forms, in order,
    /// for messages and fingerprints. Computed once per report: forms repeat their titles.
    static func formNames(_ report: Report) -> [String] {
        var total: [String: Int] = [:]
        for f in report.forms { total[f.title, default: 0] += 1 }
        var seen: [String: Int] = [:]
        return report.forms.map { f in
            seen[f.title, default: 0] += 1
            let title = f.title.isEmpty ? "表格" : f.title
            return total[f.title]! > 1 ? "\(title)（第\(seen[f.title]!)张）" : title
        }
    }

    /// The number as printed, or the text when it is not a number.
    static func shown(_ v: Value?) -> String {
        guard let v else { return "（空）" }
        let t = v.normalized
        return t.isEmpty ? "（空）" : t
    }
}

extension Value {
    /// The number, counting an empty cell or a placeholder as a printed 0 (an absent item).
    var amountOrZero: PrintedNumber? {
        if let n = number { return n }
        return isPlaceholder ? PrintedNumber(value: 0, decimals: 0, text: "0") : nil
    }
}

extension Optional where Wrapped == Value {
    /// The number, counting an absent cell as 0.
    var amountOrZero: PrintedNumber? {
        switch self {
        case .none: return PrintedNumber(value: 0, decimals: 0, text: "0")
        case .some(let v): return v.amountOrZero
        }
    }

    /// True when the cell is absent, empty or a placeholder.
    var isBlank: Bool { self?.isPlaceholder ?? true }
}

extension Decimal {
    /// A percentage with two decimals ("95.91%").
    var percentText: String { (self * 100).formatted(places: 2) + "%" }
}
