import HookdCore
import Testing

/// "Did you mean" picks a likely typo's intended name, and nothing for a name far from all.
struct NameSuggestionTests {
    static let catalog = ["customer.created", "customer.updated", "transaction.completed", "reward.issued"]

    @Test(
        "typos find the closest name; names far from all find none",
        arguments: [
            ("transaction.complted", "transaction.completed"), ("customer.craeted", "customer.created"),
            ("Reward.Issued", "reward.issued"), ("crm-snyc", nil), ("reward.redeemed", nil),
        ] as [(String, String?)])
    func closest(_ text: String, _ expected: String?) {
        #expect(NameSuggestion.closest(to: text, among: Self.catalog) == expected)
    }

    @Test("the hint reads as a parenthesis, or nothing")
    func hint() {
        #expect(NameSuggestion.hint(for: "crm-snyc", among: ["crm-sync", "analytics"]) == #" (did you mean "crm-sync"?)"#)
        #expect(NameSuggestion.hint(for: "zzz", among: ["crm-sync"]) == "")
    }

    @Test("counts read as people write them")
    func plural() {
        #expect(Plural.count(0, "delivery", "deliveries") == "0 deliveries")
        #expect(Plural.count(1, "delivery", "deliveries") == "1 delivery")
        #expect(Plural.count(2, "delivery", "deliveries") == "2 deliveries")
        #expect(Plural.count(1, "webhook") == "1 webhook" && Plural.count(3, "webhook") == "3 webhooks")
    }
}
