import Foundation
import Core

/// The first "2024" of a title or column name.
func yearIn(_ text: String) -> Int? {
    // ASCII bytes never occur inside a multi-byte UTF-8 sequence, so a byte scan finds what
    // the pattern 20[0-9]{2} finds.
    let b = Array(text.utf8)
    func digit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
    guard b.count >= 4 else { return nil }
    for i in 0...(b.count - 4) where b[i] == 0x32 && b[i + 1] == 0x30 && digit(b[i + 2]) && digit(b[i + 3]) {
        return 2000 + Int(b[i + 2] - 0x30) * 10 + Int(b[i + 3] - 0x30)
    }
    return nil
}

extension SourceLocation {
    /// "第762行" for text inputs, "表2 第14行 第7列" otherwise: where the other number of a
    /// comparison sits, named inside a message.
    var placeName: String {
        if let line { return "第\(line)行" }
        return logicalName ?? file
    }
}

/// Agreement of two printed numbers at their printed precision, as the sums are compared:
/// a whole number among decimals ("100" beside "99.64") stands for itself, not for 99.5…100.5.
enum PrintedAgreement {
    /// True when `stated` and `printed` can be the same value. Percentages never agree with
    /// plain numbers: 执行率 96.45% and 得分 9.64 are different quantities.
    static func agrees(_ stated: PrintedNumber, _ printed: PrintedNumber, exact: Bool = false, _ s: LintSettings) -> Bool? {
        guard stated.isPercent == printed.isPercent else { return nil }
        return SumComparison(total: printed, items: [stated], settings: s, itemsExact: exact, totalExact: exact).agrees
    }
}
