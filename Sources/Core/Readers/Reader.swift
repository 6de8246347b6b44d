import Foundation

/// A file that could not be read into a document. Becomes a `parse-error` diagnostic.
public struct ReadError: Error, CustomStringConvertible, Sendable {
    /// Why, in zh-CN, naming the place when one is known.
    public var reason: String
    /// Where the problem is (at least the file).
    public var location: SourceLocation

    public init(_ reason: String, at location: SourceLocation) {
        self.reason = reason
        self.location = location
    }

    public var description: String { "\(location.display): \(reason)" }
}

/// Turns the bytes of one file into a `Document`. One reader per format.
public protocol DocumentReader: Sendable {
    /// The format name recorded in `Document.format`.
    var format: String { get }
    /// Reads `data`; `path` is used in every location.
    func read(_ data: Data, path: String) throws -> Document
}

/// Reads text layouts: decodes the bytes, then hands the text to a layout reader.
public protocol TextLayoutReader: Sendable {
    var format: String { get }
    /// How strongly `lines` look like this layout (0 = not at all).
    func score(_ lines: [Substring]) -> Int
    func read(text: String, path: String) -> Document
}
