/// Turns byte offsets into line and column numbers. Offsets must be asked in increasing
/// order, so every byte is counted once whatever the number of tokens (a 10 MB page on one
/// line must not be rescanned from its line start for each tag).
struct HtmlPositionTracker {
    private let bytes: [UInt8]
    private var scanned = 0
    private var line = 1
    private var column = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The position of the byte at `offset` (at or after the last offset asked).
    mutating func position(at offset: Int) -> HtmlPosition {
        let end = min(offset, bytes.count)
        while scanned < end {
            let b = bytes[scanned]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                // A character starts here (ASCII or a UTF-8 lead byte); continuation bytes do not count.
                column += 1
            }
            scanned += 1
        }
        return HtmlPosition(line: line, column: column)
    }
}
