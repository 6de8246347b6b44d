import Foundation

/// Runs poppler's `pdftotext -bbox-layout` on PDF bytes and returns its pages.
///
/// One process per file: a PDF that crashes poppler costs that file only, and
/// no poppler headers are needed to build auditlint. The bytes go in on stdin
/// (`fd://0`), so no temporary file is written.
public struct PdfToText: Sendable {
    /// The program to run: `AUDITLINT_PDFTOTEXT` when set, else `pdftotext` on the PATH.
    public var program: String
    public var limits: PdfLimits

    public init(program: String? = nil, limits: PdfLimits = PdfLimits()) {
        self.program = program ?? ProcessInfo.processInfo.environment["AUDITLINT_PDFTOTEXT"] ?? "pdftotext"
        self.limits = limits
    }

    /// Why a PDF could not be turned into words; `PdfReader` words it for users.
    public enum Failure: Error, Equatable {
        case missingTool(String)
        case failed(exitStatus: Int32?, reason: String)
        case timedOut(Double)
        case outputTooLarge(Int)
        case tooManyWordsOnPage(Int)
        case tooManyWords
    }

    public func pages(of data: Data) throws -> [PdfPage] {
        var pages: [PdfPage] = []
        try self.pages(of: data) { pages.append($0) }
        return pages
    }

    /// Hands each page to `each`, in order, as soon as pdftotext has printed it, so the caller
    /// lays out a page while pdftotext works on the next ones. When this throws, the pages
    /// already handed on are to be discarded.
    public func pages(of data: Data, each: (PdfPage) -> Void) throws {
        let outcome: Subprocess.Outcome
        var stream = PdfBBoxParser.Stream(limits: limits)
        do {
            outcome = try Subprocess.run([program, "-enc", "UTF-8", "-bbox-layout", "fd://0", "-"], input: data,
                                         timeout: limits.timeout, outputLimit: limits.outputLimit,
                                         leftovers: .inGroup, progress: { stream.feed($0, each) })
        } catch {
            throw Failure.missingTool(program)
        }
        if outcome.timedOut { throw Failure.timedOut(limits.timeout) }
        if outcome.truncated { throw Failure.outputTooLarge(limits.outputLimit) }
        // posix_spawnp reports a missing program in the child on some libcs: exit 127.
        if outcome.exitStatus == 127 && outcome.stdout.isEmpty { throw Failure.missingTool(program) }
        guard outcome.exitStatus == 0 else {
            throw Failure.failed(exitStatus: outcome.exitStatus, reason: Self.reason(outcome))
        }
        do {
            try stream.finish(outcome.stdout, each)
        } catch PdfBBoxParser.Failure.tooManyWordsOnPage(let page) {
            throw Failure.tooManyWordsOnPage(page)
        } catch {
            throw Failure.tooManyWords
        }
    }

    /// The last distinct lines of pdftotext's stderr, or the signal that killed it.
    static func reason(_ outcome: Subprocess.Outcome) -> String {
        if let signal = outcome.signal { return "pdftotext 被信号 \(signal) 终止" }
        var lines: [String] = []
        for line in String(decoding: outcome.stderr, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let s = line.trimmingCharacters(in: .whitespaces)
            if !s.isEmpty && !lines.contains(s) { lines.append(s) }
        }
        return lines.isEmpty ? "pdftotext 退出码 \(outcome.exitStatus ?? -1)" : lines.suffix(3).joined(separator: "；")
    }
}
