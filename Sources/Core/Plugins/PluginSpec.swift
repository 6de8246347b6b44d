import Foundation

/// An external check: a command that reads a report model as JSON on stdin and
/// writes diagnostics as JSON on stdout (protocol `auditlint-plugin/1`).
public struct PluginSpec: Sendable, Hashable {
    /// Kebab-case id; the plugin's findings get rule ids "`id`/`rule`".
    public var id: String
    /// argv; a relative program path ("./plugins/x.py") is taken from `baseDirectory`.
    public var command: [String]
    /// Seconds before the plugin is killed for one report.
    public var timeout: Double
    /// Globs of the files the plugin sees (all when empty).
    public var paths: [String]
    /// Passed to the plugin in the request's `options`.
    public var options: [String: String]
    /// The directory of the config that declared the plugin; the command runs there.
    public var baseDirectory: String?
    /// A failure of an optional plugin is a warning; any other plugin's failure fails the run (exit 2).
    public var optional = false

    public init(id: String, command: [String], timeout: Double = 10, paths: [String] = [],
                options: [String: String] = [:], baseDirectory: String? = nil) {
        self.id = id; self.command = command; self.timeout = timeout; self.paths = paths
        self.options = options; self.baseDirectory = baseDirectory
    }

    public func applies(to path: String) -> Bool {
        paths.isEmpty || Glob.matchesAny(paths, path, relativeTo: baseDirectory)
    }

    /// argv with a relative program path resolved against the config's directory.
    public var resolvedCommand: [String] {
        guard var first = command.first else { return command }
        if let base = baseDirectory, first.contains("/"), !first.hasPrefix("/") {
            first = URL(fileURLWithPath: base).appendingPathComponent(first).standardizedFileURL.path
        }
        return [first] + command.dropFirst()
    }
}
