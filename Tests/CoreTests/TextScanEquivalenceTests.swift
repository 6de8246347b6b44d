import XCTest
import Foundation
@testable import Core
import TestSupport

/// The byte-level text paths of the readers must give what the definitions they replace gave,
/// on text with every kind of space, combining marks, CR LF and pipes.
final class TextScanEquivalenceTests: XCTestCase {
    static let alphabet: [String] = [
        " ", "\t", "\u{3000}", "\u{00A0}", "\u{200B}", "\u{FEFF}", "\r", "\n", "\r\n", "|", "||", "#", "[bookmark:x]", "[bookmark:",
        "]", "年", "度", "1", ".", "，", "。", "\u{0301}", "e", "é", "\u{F967}",
    ]

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        func next() -> Int { Int(truncatingIfNeeded: generator.next() & 0x7FFF_FFFF) }
        return (0..<count).map { _ in (0..<(next() % 9)).map { _ in alphabet[next() % alphabet.count] }.joined() }
    }

    /// compact = normalize, then every space scalar removed (the former scalar filter).
    func testCompactRemovesExactlyTheSpaceScalars() {
        for s in Self.randomStrings(count: 30_000, seed: 3) {
            let n = TextNormalizer.normalize(s)
            let reference = String(String.UnicodeScalarView(n.unicodeScalars.filter { !TextNormalizer.isSpace($0) }))
            XCTAssertEqual(Array(TextNormalizer.compact(s).unicodeScalars), Array(reference.unicodeScalars), s.debugDescription)
        }
    }

    /// trim drops leading and trailing space scalars and nothing else.
    func testTrimDropsOnlyOuterSpaceScalars() {
        for s in Self.randomStrings(count: 30_000, seed: 5) {
            var scalars = Array(s.unicodeScalars)
            while let f = scalars.first, TextNormalizer.isSpace(f) { scalars.removeFirst() }
            while let l = scalars.last, TextNormalizer.isSpace(l) { scalars.removeLast() }
            XCTAssertEqual(Array(TextNormalizer.trim(s).unicodeScalars), scalars, s.debugDescription)
        }
    }

    /// The bookmark scan removes what the regular expression \[bookmark:[^\]]*\] removed.
    func testBookmarksAreRemovedAsTheRegexDid() {
        for s in Self.randomStrings(count: 20_000, seed: 9) {
            let reference = s.replacingOccurrences(of: #"\[bookmark:[^\]]*\]"#, with: "", options: .regularExpression)
            XCTAssertEqual(Array(TextNormalizer.removingBookmarks(s).unicodeScalars), Array(reference.unicodeScalars), s.debugDescription)
        }
    }

    /// The byte split gives the lines of the former index walk (\n, \r\n and \r end a line).
    func testLineSplitAgreesWithTheIndexWalk() {
        for s in Self.randomStrings(count: 20_000, seed: 13) {
            var reference: [Substring] = []
            var current = s.startIndex
            var i = s.unicodeScalars.startIndex
            let v = s.unicodeScalars
            while i < v.endIndex {
                if v[i] == "\n" || v[i] == "\r" {
                    reference.append(s[current..<i])
                    var next = v.index(after: i)
                    if v[i] == "\r", next < v.endIndex, v[next] == "\n" { next = v.index(after: next) }
                    current = next
                    i = next
                } else {
                    i = v.index(after: i)
                }
            }
            if current < s.endIndex { reference.append(s[current...]) }
            XCTAssertEqual(TextLines.split(s).map { Array($0.unicodeScalars) }, reference.map { Array($0.unicodeScalars) }, s.debugDescription)
        }
    }
}
