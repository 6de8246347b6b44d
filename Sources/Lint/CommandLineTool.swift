import Foundation
import Core
import Checks

/// The `auditlint` command line.
struct CommandLineTool {
    var arguments: [String]

    func run() -> Int32 {
        if arguments.first == "dump" {
            guard arguments.count == 2 else { return usage("usage: auditlint dump FILE") }
            let path = arguments[1]
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                let report = try ReaderRegistry().report(from: data, path: path)
                FileHandle.standardOutput.write(try ModelFile.encode(report))
                FileHandle.standardOutput.write("\n".data(using: .utf8)!)
                return 0
            } catch let e as ReadError {
                FileHandle.standardError.write("\(e.location.display): error: \(e.reason) [parse-error]\n".data(using: .utf8)!)
                return 1
            } catch {
                FileHandle.standardError.write("auditlint: \(error)\n".data(using: .utf8)!)
                return 2
            }
        }
        return usage("usage: auditlint [options] PATH...")
    }

    func usage(_ s: String) -> Int32 {
        FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
        return 2
    }
}
