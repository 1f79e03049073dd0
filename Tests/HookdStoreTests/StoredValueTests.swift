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

extension StoredValueTests {
    @Test("lists and maps read back as through the decoder, plain or escaped", arguments: [
        "[]", #"["customer.*","reward.issued"]"#, #"["1m"]"#, #"["a\"b","c\\d","\u00e9","\n"]"#, #"[ "a" , "b" ]"#,
        #"["é😀","x/y"]"#, #"["a",]"#,
    ])
    func readsStrings(text: String) throws {
        #expect(try StoredValue.strings(json: text) == StoredValue.decode([String].self, json: text))
    }

    @Test("malformed lists fail as the decoder fails", arguments: [#"["a""#, #"["a"]x"#, "", #"[1]"#, #"{"a":"b"}"#])
    func refusesMalformedStrings(text: String) {
        #expect(throws: (any Error).self) { try StoredValue.strings(json: text) }
        #expect(throws: (any Error).self) { try StoredValue.decode([String].self, json: text) }
    }

    @Test("maps read back as through the decoder", arguments: ["{}", #"{"X-Team":"sales","a":"\"b\""}"#, "{ }"])
    func readsStringMaps(text: String) throws {
        #expect(try StoredValue.stringMap(json: text) == StoredValue.decode([String: String].self, json: text))
    }
}
