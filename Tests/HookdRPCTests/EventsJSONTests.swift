import Foundation
import HookdAPI
import HookdCore
@testable import HookdRPC
import Testing

/// `Events.Publish` params are read straight from the parsed request and its answers
/// written directly: both must agree with the `Codable` conformances, and unknown members
/// must still be refused with the decoder's violations.
struct EventsJSONTests {
    let echo = EchoRouter(.eventsPublish, EventPublishParams.self)

    private func publish(_ params: String) async throws -> JSONValue {
        try await echo.call(params)
    }

    static let single = EventPublishParams(
        EventInput(account: "acc_1", type: "customer.created", data: ["name": "Ada", "points": 5, "tags": ["a"]], id: "evt_1"))
    static let batch = EventPublishParams(batch: [
        EventInput(account: "acc_1", type: "reward.issued", data: ["reward": ["id": "r1"]]),
        EventInput(account: "acc_2", type: "push.sent", data: [:], id: "evt_2"),
    ])

    @Test("params read from the parsed request equal the decoded ones, single and batch")
    func sameParams() async throws {
        for params in [Self.single, Self.batch, EventPublishParams(batch: [])] {
            let data = try JSONCoding.canonicalEncoder.encode(params)
            let read = try EventPublishParams(json: try #require(JSONValueReader.read(data)))
            #expect(read == (try JSONCoding.decoder.decode(EventPublishParams.self, from: data)))
            #expect(read == params)
            let answer = try await publish(String(decoding: data, as: UTF8.self))
            #expect(answer["result"].map { try? JSONCoding.decoder.decode(EventPublishParams.self, from: $0.canonicalData()) } == params)
        }
    }

    @Test("nulls read as absent; unknown, missing and mistyped members get the decoder's violations")
    func violations() async throws {
        let nulls = try await publish(#"{"account":"a","type":"t","data":{},"id":null,"events":null}"#)
        #expect(nulls["result"] == ["account": "a", "type": "t", "data": [:]])
        let nullData = try await publish(#"{"events":[{"account":"a","type":"t","data":null}]}"#)
        #expect(nullData["result"] == ["events": [["account": "a", "type": "t", "data": .null]]])

        let cases: [(String, [String: String])] = [
            (#"{"account":"a","type":"t","data":{},"acount":"b"}"#, ["acount": "unknown field"]),
            (#"{"events":[{"account":"a","type":"t","data":{},"typ":"x"}]}"#, ["events[0].typ": "unknown field"]),
            (#"{"events":[{"account":"a","data":{}}]}"#, ["events[0].type": "missing"]),
            (#"{"events":[{"account":"a","type":"t"}]}"#, ["events[0].data": "missing"]),
            (#"{"account":5,"type":"t","data":{}}"#, ["account": "expected string, got number"]),
            (#"{"events":{"account":"a"}}"#, ["events": "expected array, got object"]),
        ]
        for (params, violations) in cases {
            let answer = try await publish(params)
            #expect(answer.errorCode == -32602, "\(params)")
            #expect(answer.violations == violations, "\(params): \(answer)")
        }
    }

    @Test("published events are written as the encoder writes them")
    func sameBytes() throws {
        let event = Event(
            id: "evt_1", account: "acc_1", type: "customer.created", timestamp: Date(timeIntervalSince1970: 1_764_000_000.123),
            data: ["name": "Ada \"A\" / L", "points": 5, "ratio": 0.5, "nested": ["ok": true, "none": .null]])
        let published = PublishedEvent(event: event, deliveries: 3, duplicate: false)
        #expect(try event.canonicalJSON() == JSONCoding.canonicalEncoder.encode(event))
        #expect(try published.canonicalJSON() == JSONCoding.canonicalEncoder.encode(published))
        let batch = PublishBatchResult(events: [published, PublishedEvent(event: event, deliveries: 0, duplicate: true)])
        #expect(try batch.canonicalJSON() == JSONCoding.canonicalEncoder.encode(batch))
        #expect(try PublishBatchResult(events: []).canonicalJSON() == JSONCoding.canonicalEncoder.encode(PublishBatchResult(events: [])))
    }

    @Test("requests with publish params are written byte for byte as the encoder writes them")
    func sameRequests() throws {
        let traced = EventPublishParams(
            EventInput(account: "acc/1", type: "t", data: ["b": 1, "a": ["x": .null], "é": "ü"], id: "evt_1",
                traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", tracestate: "k=v"))
        var partial = EventPublishParams(batch: [])
        partial.events = nil
        partial.account = "a"
        partial.data = .null
        for params in [Self.single, Self.batch, traced, partial, EventPublishParams(batch: [])] {
            let written = try RPCClient.request(method: "Events.Publish", params: params, id: 42)
            #expect(written == (try JSONCoding.canonicalEncoder.encode(RPCRequestEnvelope(method: "Events.Publish", params: params, id: 42))))
        }
    }

    @Test("answers read straight from the parsed line equal the decoded ones, or are left to the decoder")
    func sameAnswers() throws {
        let event = Event(
            id: "evt_1", account: "acc_1", type: "customer.created", timestamp: Date(timeIntervalSince1970: 1_764_000_000.123),
            data: ["name": "Ada", "nested": ["none": .null]], traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        let single = PublishResult.single(PublishedEvent(event: event, deliveries: 2, duplicate: false))
        let batch = PublishResult.batch(PublishBatchResult(events: [
            PublishedEvent(event: event, deliveries: 0, duplicate: true),
            PublishedEvent(event: Event(id: "evt_2", account: "a", type: "t", timestamp: Date(timeIntervalSince1970: 0), data: [:]), deliveries: 1, duplicate: false),
        ]))
        for result in [single, batch, PublishResult.batch(PublishBatchResult(events: []))] {
            let data = try result.canonicalJSON()
            let read = try PublishResult(json: try #require(JSONValueReader.read(data)))
            #expect(read == (try JSONCoding.decoder.decode(PublishResult.self, from: data)))
            // Equal up to the timestamp's millisecond rounding: it writes the same bytes back.
            #expect(try read.canonicalJSON() == data)
        }
        // Unknown members are ignored by both; a null optional reads as absent.
        let lenient = #"{"deliveries":1,"duplicate":false,"extra":1,"event":{"id":"e","account":"a","type":"t","timestamp":"2026-11-29T02:45:12.123Z","data":{},"traceparent":null,"more":[]}}"#
        let read = try PublishResult(json: try #require(JSONValueReader.read(Data(lenient.utf8))))
        #expect(read == (try JSONCoding.decoder.decode(PublishResult.self, from: Data(lenient.utf8))))
        // What the decoder would refuse is refused here too, so the caller asks the decoder why.
        for refused in [
            #"{"deliveries":1,"duplicate":false,"event":{"id":"e","account":"a","type":"t","timestamp":"yesterday","data":{}}}"#,
            #"{"deliveries":1,"duplicate":false,"event":{"id":"e","account":"a","type":"t","timestamp":"2026-11-29T02:45:12.123Z"}}"#,
            #"{"deliveries":"1","duplicate":false,"event":{"id":"e","account":"a","type":"t","timestamp":"2026-11-29T02:45:12.123Z","data":{}}}"#,
            #"{"events":null}"#,
        ] {
            #expect(throws: JSONShapeError.self) { try PublishResult(json: try #require(JSONValueReader.read(Data(refused.utf8)))) }
            #expect(throws: DecodingError.self) { try JSONCoding.decoder.decode(PublishResult.self, from: Data(refused.utf8)) }
        }
    }
}
