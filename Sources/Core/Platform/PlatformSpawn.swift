#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The parts of posix_spawn that differ between glibc and Darwin, kept in this platform file:
/// the opaque types (structs in glibc, optional pointers on Darwin) and changing directory in
/// the child.
public enum PlatformSpawn {
    /// This process's environment, handed to the child.
    public static var environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        #if canImport(Glibc)
        return environ
        #elseif canImport(Darwin)
        return _NSGetEnviron().pointee
        #endif
    }

    #if canImport(Glibc)
    public typealias FileActions = posix_spawn_file_actions_t
    public typealias Attributes = posix_spawnattr_t
    public static func newFileActions() -> FileActions { posix_spawn_file_actions_t() }
    public static func newAttributes() -> Attributes { posix_spawnattr_t() }

    /// The child starts in `directory` (posix_spawn_file_actions_addchdir_np, glibc ≥ 2.29).
    @discardableResult
    public static func addChdir(_ actions: inout FileActions, _ directory: String) -> Int32 {
        glibcAddChdir(&actions, directory)
    }
    #elseif canImport(Darwin)
    public typealias FileActions = posix_spawn_file_actions_t?
    public typealias Attributes = posix_spawnattr_t?
    public static func newFileActions() -> FileActions { nil }
    public static func newAttributes() -> Attributes { nil }

    /// The child starts in `directory` (posix_spawn_file_actions_addchdir_np, macOS ≥ 10.15).
    @discardableResult
    public static func addChdir(_ actions: inout FileActions, _ directory: String) -> Int32 {
        posix_spawn_file_actions_addchdir_np(&actions, directory)
    }
    #endif
}

#if canImport(Glibc)
/// glibc has had posix_spawn_file_actions_addchdir_np since 2.29, but the Glibc
/// module does not export it (it sits behind _GNU_SOURCE), so it is declared here.
@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func glibcAddChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32
#endif
