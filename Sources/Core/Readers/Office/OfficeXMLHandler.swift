import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Base SAX handler for one XML part of an Office package.
///
/// Subclasses see local element names ("tbl" for "w:tbl") and attributes keyed by local
/// name ("val" for "w:val"), so documents using unusual prefixes read the same.
/// `namespace` is the element's namespace URI.
class OfficeXMLHandler: NSObject, XMLParserDelegate {
    /// The first problem found, by the parser or by the handler itself (zh-CN).
    private(set) var failure: (reason: String, line: Int)?
    private weak var parser: XMLParser?
    /// The file's budget; every element is charged to it.
    var budget: ReadBudget?

    func start(_ name: String, namespace: String?, attributes: [String: String]) {}
    func end(_ name: String, namespace: String?) {}
    func characters(_ text: String) {}

    /// Stops parsing; `reason` becomes the `ReadError` of the whole read.
    final func fail(_ reason: String) {
        if failure == nil { failure = (reason, parser?.lineNumber ?? 0) }
        parser?.abortParsing()
    }

    final func attach(to parser: XMLParser) {
        self.parser = parser
        parser.delegate = self
    }

    // MARK: XMLParserDelegate

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        if let exceeded = budget?.spendNode() { return fail(exceeded) }
        var local: [String: String] = [:]
        for (key, value) in attributes { local[Self.localName(key)] = value }
        start(Self.localName(elementName), namespace: namespaceURI, attributes: local)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        guard failure == nil else { return }
        end(Self.localName(elementName), namespace: namespaceURI)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        characters(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil else { return }
        characters(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if failure == nil { failure = (Self.describe(parseError), parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail("含有实体声明 \(name)，出于安全原因拒绝解析")
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String,
                publicID: String?, systemID: String?) {
        fail("含有外部实体声明 \(name)，出于安全原因拒绝解析")
    }

    private static func localName(_ qualified: String) -> String {
        guard let colon = qualified.lastIndex(of: ":") else { return qualified }
        return String(qualified[qualified.index(after: colon)...])
    }

    /// libxml2's messages are English and often empty on Linux; name the common cases in zh-CN.
    private static func describe(_ error: Error) -> String {
        let code = (error as NSError).code
        switch XMLParser.ErrorCode(rawValue: code) {
        case .prematureDocumentEndError?: return "文档意外结束（可能被截断）"
        case .emptyDocumentError?: return "文档为空"
        case .tagNameMismatchError?: return "开始标签与结束标签不匹配"
        case .notWellBalancedError?: return "标签未正确闭合"
        case .documentStartError?: return "不是 XML 文档"
        case .invalidCharacterError?: return "含有非法字符"
        case .invalidCharacterRefError?: return "字符引用无效"
        case .undeclaredEntityError?, .entityRefLoopError?, .entityBoundaryError?: return "实体引用无效"
        case .attributeNotStartedError?, .attributeNotFinishedError?, .attributeRedefinedError?,
             .attributeHasNoValueError?:
            return "属性格式错误"
        case .encodingNotSupportedError?, .unknownEncodingError?: return "不支持的字符编码"
        default: return "格式错误（错误码 \(code)）"
        }
    }
}
