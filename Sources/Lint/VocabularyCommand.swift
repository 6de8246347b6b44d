import Foundation
import Core

/// `auditlint vocabulary`: every field and form title the recognizer knows, with its names.
extension CommandLineTool {
    func vocabulary(_ args: [String]) -> Int32 {
        var config: String?, noConfig = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--config" where i + 1 < args.count: config = args[i + 1]; i += 1
            case "--no-config": noConfig = true
            default:
                FileHandle.standardError.write(Data("auditlint: 用法: auditlint vocabulary [--config 文件 | --no-config]\n".utf8))
                return 2
            }
            i += 1
        }
        let settings: LintSettings
        do { settings = try Self.setup(config: config, noConfig: noConfig, ruleFlags: [], allowPlugins: false).settings } catch let e as SetupError {
            FileHandle.standardError.write(Data("auditlint: \(e.message)\n".utf8))
            return 2
        } catch {
            FileHandle.standardError.write(Data("auditlint: \(error)\n".utf8))
            return 2
        }
        print(VocabularyListing.text(extra: settings.vocabularyExtra), terminator: "")
        return 0
    }
}

/// The vocabulary as text, grouped by what the fields name.
enum VocabularyListing {
    static func text(extra: [Term: [String]]) -> String {
        var out = "表头比较前先去掉空格、列表编号（“1、”“（一）”）、“其中：”、末尾冒号和单位括号（“（万元）”）。\n"
        out += "“*”在开头或结尾表示任意文字；“!”开头表示排除。字段名可在 .lintrc 的 \"vocabulary\" 中增加同义词。\n"
        var group = ""
        for term in Term.allCases {
            if term.group != group {
                group = term.group
                out += "\n\(group)\n"
            }
            let builtin = Vocabulary.standardSynonyms[term] ?? []
            var line = "  \(term.rawValue)：\(builtin.joined(separator: "、"))"
            if let mine = extra[term], !mine.isEmpty { line += "；.lintrc：\(mine.joined(separator: "、"))" }
            out += line + "\n"
        }
        return out
    }
}
