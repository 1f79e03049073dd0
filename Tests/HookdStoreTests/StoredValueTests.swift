import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// The JSON columns a webhook's lists and maps are stored in.
struct StoredValueTests {
    @Test("lists and maps of strings are stored as the same text as through the encoder")
    func directTextMatchesEncoder() throws {
        let lists: [[String]] = [[], ["customer.*", "reward.issued"], ["1m", "5m", "30m"], ["a\"b\\c/d\n\u{1}é😀"]]
        for list in lists {
            #expect(StoredValue.json(strings: list) == (try StoredValue.json(list)))
        }
        let maps: [[String: String]] = [
            [:], ["X-Team": "sales", "x-b": "2", "A": "\"quoted\""], ["team": "sales", "Ünïcode": "yes", "z": "\t"],
        ]
        for map in maps {
            #expect(try StoredValue.json(stringMap: map) == (try StoredValue.json(map)))
        }
    }
}
