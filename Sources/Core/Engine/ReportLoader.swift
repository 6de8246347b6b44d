import Foundation

/// The one way from a file's bytes to a recognised report, for the engine and `auditlint dump`:
/// a JSON model is decoded as a model; anything else is read into a document by the reader the
/// content calls for and recognised once.
public enum ReportLoader {
    /// - Parameter recognizer: the recognizer with the run's vocabulary.
    public static func report(from data: Data, path: String, readers: ReaderRegistry = ReaderRegistry(),
                              recognizer: Recognizer = Recognizer()) throws -> Report {
        if ModelFile.isModel(data) { return try ModelFile.decode(data, path: path, recognizer: recognizer) }
        return recognizer.recognize(try readers.document(from: data, path: path))
    }
}
