import Foundation

/// Facts several checks derive from the same report (its layout, the narrative's claims),
/// computed once per report instead of once per check. The engine makes one per report and
/// hands it to every check; checks run one after another, the lock only keeps the type
/// honest about `Sendable`.
public final class DerivedFacts: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    public init() {}

    /// The value stored under `key`, made by `make` the first time it is asked for.
    /// A key names one type of value; the same key must always be asked with the same `T`.
    public func value<T>(_ key: String, _ make: () -> T) -> T {
        lock.lock()
        if let v = values[key] as? T { lock.unlock(); return v }
        lock.unlock()
        let v = make()
        lock.lock()
        values[key] = v
        lock.unlock()
        return v
    }
}
