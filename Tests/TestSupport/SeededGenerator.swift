/// Deterministic random numbers (SplitMix64), so a failing input can be reproduced.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reproducible random strings over an alphabet (a linear congruential generator), so a
/// failing input can be found again.
public struct RandomText {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }

    /// Up to `maxLength` pieces of `alphabet`, joined.
    public mutating func string(from alphabet: [String], maxLength: Int) -> String {
        (0..<(next() % (maxLength + 1))).map { _ in alphabet[next() % alphabet.count] }.joined()
    }
}
