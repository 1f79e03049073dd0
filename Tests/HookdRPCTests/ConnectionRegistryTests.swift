import NIOCore
import NIOEmbedded
import Testing

@testable import HookdRPC

/// The registry says when a burst of connections has ended, the moment hookd gives the
/// memory they held back to the system, and only then.
struct ConnectionRegistryTests {
    @Test("a burst of 64 ends when a quarter of it remains, once; a few clients never trigger a trim")
    func burstEnds() {
        let registry = ConnectionRegistry()
        let channels = (0..<ConnectionRegistry.burstSize).map { _ in EmbeddedChannel() }
        for channel in channels { #expect(registry.insert(channel, limit: 1000) == .admitted) }
        var ends: [Int] = []
        for (index, channel) in channels.enumerated() where registry.remove(channel) { ends.append(index) }
        // 64 open: the burst ends when 16 remain, after the 48th removal; the rest are a new, small one.
        #expect(ends == [47])
    }

    @Test("clients that come and go one at a time never count as a burst")
    func smallTraffic() {
        let registry = ConnectionRegistry()
        for _ in 0..<500 {
            let channel = EmbeddedChannel()
            _ = registry.insert(channel, limit: 1000)
            #expect(!registry.remove(channel))
        }
    }
}
