import HookdCore
import Testing

@testable import HookdStore

/// What one write transaction remembers of the webhooks it read or changed.
struct WebhooksSeenTests {
    @Test("an account's webhooks, once read, are known by id too; a change shows in both views")
    func accountReadServesIds() throws {
        let crm = try Fixture.webhook("crm")
        let erp = try Fixture.webhook("erp")
        var seen = WebhooksSeen()
        #expect(seen.webhook(id: crm.id) == nil)
        seen.read([crm, erp], of: crm.account)
        #expect(seen.webhook(id: crm.id) == .some(crm))
        #expect(seen.webhook(id: erp.id) == .some(erp))
        let disabled = crm.disabled(reason: "test", at: Fixture.now)
        seen.changed(disabled)
        #expect(seen.webhook(id: crm.id) == .some(disabled))
        #expect(seen.webhooks(of: crm.account) == [disabled, erp])
    }

    @Test("a webhook read as gone stays gone until read or changed again")
    func goneIsRemembered() throws {
        let crm = try Fixture.webhook("crm")
        var seen = WebhooksSeen()
        seen.read(nil, id: crm.id)
        #expect(seen.webhook(id: crm.id) == .some(nil))
        seen.read([crm], of: crm.account)
        #expect(seen.webhook(id: crm.id) == .some(crm))
    }
}
