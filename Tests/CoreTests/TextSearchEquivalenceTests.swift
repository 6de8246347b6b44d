import XCTest
import Foundation
@testable import Core
import TestSupport

/// The fast text searches must answer exactly as the Foundation and standard-library calls
/// they stand in for, including on text where bytes and canonical equivalence disagree
/// (combining marks, CJK compatibility ideographs, CR LF).
final class TextSearchEquivalenceTests: XCTestCase {
    /// Scalars that make the fast paths fall back, mixed with the ones reports use.
    static let alphabet: [String] = [
        "≥", "≤", "不", "低", "于", "大", "小", "万", "千", "亿", "其", "中", "：", ":", "*", "=", "<", ">", "1", "0", ".", "%",
        "\u{0338}", "\u{0301}", "\u{F967}", "\u{FA0A}", "\r", "\n", "\u{2028}", " ", "\u{3000}", "e", "é", "ı", "\u{200D}",
        "以", "上", "\u{0600}",
    ]

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        func next() -> Int { Int(truncatingIfNeeded: generator.next() & 0x7FFF_FFFF) }
        return (0..<count).map { _ in (0..<(next() % 6)).map { _ in alphabet[next() % alphabet.count] }.joined() }
    }

    /// Compares `fast` with `reference` on random texts against random and given affixes.
    private func assertAgree(seeds: (UInt64, UInt64), fixed: [String], _ name: String,
                             fast: (String, String) -> Bool, reference: (String, String) -> Bool) {
        let texts = Self.randomStrings(count: 40_000, seed: seeds.0)
        let affixes = Self.randomStrings(count: 300, seed: seeds.1) + fixed
        var checked = 0
        for (i, t) in texts.enumerated() {
            for p in affixes[(i % 50)..<min(affixes.count, i % 50 + 8)] + affixes.suffix(fixed.count) {
                XCTAssertEqual(fast(t, p), reference(t, p), "\(t.debugDescription) \(name) \(p.debugDescription)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 500_000)
    }

    func testHasTextPrefixAgreesWithHasPrefix() {
        assertAgree(seeds: (7, 11), fixed: ["≥", "不低于", "千万", "万", "\r", "=", "大于等于"], "hasPrefix",
                    fast: { $0.hasTextPrefix($1) }, reference: { $0.hasPrefix($1) })
    }

    func testHasTextSuffixAgreesWithHasSuffix() {
        assertAgree(seeds: (17, 19), fixed: ["以上", "及以下", "\n", "\r", "万", "中"], "hasSuffix",
                    fast: { $0.hasTextSuffix($1) }, reference: { $0.hasSuffix($1) })
    }

    func testSearchableTextAgreesWithFoundation() {
        let texts = Self.randomStrings(count: 20_000, seed: 3).map { $0 + "其中" + $0 }
        let needles = ["其中", "中", "*", "不低于", "\u{F967}", "e", "é", "\r\n", "："]
        for t in texts {
            let s = SearchableText(t)
            for n in needles {
                XCTAssertEqual(s.contains(n), t.contains(n), "\(t.debugDescription) contains \(n.debugDescription)")
                let expected = t.range(of: n, options: .backwards).map { t.utf8.distance(from: t.startIndex, to: $0.lowerBound) }
                XCTAssertEqual(s.lastOffset(of: n), expected, "\(t.debugDescription) last \(n.debugDescription)")
            }
            XCTAssertEqual(t.removingAll("*"), t.replacingOccurrences(of: "*", with: ""))
        }
    }
}

/// `IndicatorQuantities.bracketedSuffix` is the regex it replaced.
final class BracketedSuffixTests: XCTestCase {
    func testScalarScanMatchesTheRegex() {
        let alphabet = ["（", "(", ")", "）", "%", "万", "元", "个", "率", "a", "\n", "\r", "\u{2028}", "\u{0301}", "\u{F967}", " "]
        var random = RandomText(seed: 9)
        var matched = 0
        for _ in 0..<80_000 {
            let s = random.string(from: alphabet, maxLength: 8)
            let expected = s.range(of: #"[（(]([^（()）]{1,4})[)）]$"#, options: .regularExpression).map { String(s[$0].dropFirst().dropLast()) }
            XCTAssertEqual(IndicatorQuantities.bracketedSuffix(s), expected, s.debugDescription)
            if expected != nil { matched += 1 }
        }
        XCTAssertGreaterThan(matched, 1000)
    }
}

/// `normalize` rebuilds a string only when it holds a full-width character it folds; the result
/// must be what folding every string gave.
final class NormalizeFoldingTests: XCTestCase {
    /// The folding as it was, applied to every string.
    private func reference(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let v = u.value
            if v >= 0xFF01 && v <= 0xFF5E, let mapped = Unicode.Scalar(v - 0xFEE0),
               mapped.properties.isAlphabetic || ("0"..."9").contains(mapped) || ".%+-=<>/\\".unicodeScalars.contains(mapped) {
                out.append(mapped)
            } else {
                out.append(u)
            }
        }
        return TextNormalizer.trim(String(out))
    }

    func testFoldsExactlyAsBefore() {
        // Every scalar of the full-width block, and its neighbours, in random company.
        let block = (0xFEFF...0xFF60).compactMap(Unicode.Scalar.init).map { String($0) }
        let alphabet = block + ["年", "，", "1", " ", "\u{3000}", "é", "\u{0301}", "ｰ"]
        var random = RandomText(seed: 5)
        for _ in 0..<40_000 {
            let s = random.string(from: alphabet, maxLength: 5)
            XCTAssertEqual(TextNormalizer.normalize(s), reference(s), s.debugDescription)
        }
    }
}

/// `MarkdownReader.isPipeRow` rules lines out by their first and last scalars before trimming.
final class PipeRowTests: XCTestCase {
    func testMatchesTheTrimmingDefinition() {
        let alphabet = ["|", " ", "\t", "\u{3000}", "\u{00A0}", "a", "1", "年", "\u{0301}", "\u{0600}", "-", ":", "\r"]
        var random = RandomText(seed: 21)
        var rows = 0
        for _ in 0..<60_000 {
            let s = random.string(from: alphabet, maxLength: 6)
            let t = s.trimmingCharacters(in: .whitespaces)
            let expected = s.contains("|") && t.hasPrefix("|") && t.hasSuffix("|") && t.count >= 2
            XCTAssertEqual(MarkdownReader.isPipeRow(Substring(s)), expected, s.debugDescription)
            if expected { rows += 1 }
        }
        XCTAssertGreaterThan(rows, 200)
    }
}
