import Foundation
import Core

/// Small helpers the checks share: naming forms and printing numbers.
enum Describe {
    /// "2024年度项目支出绩效自评表（第3张）" style name of a form, for messages and fingerprints.
    static func form(_ form: Form, in report: Report) -> String {
        let same = report.forms.filter { $0.title == form.title }
        guard same.count > 1, let k = same.firstIndex(of: form) else { return form.title.isEmpty ? "表格" : form.title }
        return "\(form.title)（第\(k + 1)张）"
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
