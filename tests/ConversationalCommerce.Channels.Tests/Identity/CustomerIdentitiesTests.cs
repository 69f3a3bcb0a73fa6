using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Identity;

/// <summary>The linking and merge rules on a real database: one customer, one thread, unless the evidence conflicts.</summary>
public sealed class CustomerIdentitiesTests : IAsyncLifetime
{
    private readonly IdentityTestDb _db = new();
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    [Theory]
    [InlineData("16505550123", null, "+16505550123")]
    [InlineData("+1 (650) 555-0123", null, "+16505550123")]
    [InlineData("(650) 555-0123", "US", "+16505550123")]
    [InlineData("447911123456", null, "+447911123456")]
    [InlineData("12345", null, null)]
    [InlineData("not a number", null, null)]
    public void Phone_numbers_are_normalised_to_e164(string raw, string? region, string? expected) =>
        Assert.Equal(expected, IdentityValues.Normalize(ChannelIdentityKind.Phone, raw, region));

    [Fact]
    public async Task Same_address_in_any_spelling_resolves_to_one_profile()
    {
        var first = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550501", IdentityEvidence.WhatsAppInbound);
        var again = await _db.ResolveAsync(ChannelIdentityKind.Phone, "+1 650-555-0501", IdentityEvidence.WhatsAppInbound);
        var email = await _db.ResolveAsync(ChannelIdentityKind.Email, " Ann@Example.com ", IdentityEvidence.EmailToken);
        var emailAgain = await _db.ResolveAsync(ChannelIdentityKind.Email, "ann@example.com", IdentityEvidence.EmailToken);

        Assert.Equal(first.CustomerId, again.CustomerId);
        Assert.Equal("+16505550501", first.Value);
        Assert.Equal(email.CustomerId, emailAgain.CustomerId);
        Assert.Equal("ann@example.com", email.Value);
        Assert.NotEqual(first.CustomerId, email.CustomerId);
        var customer = await _db.QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == first.CustomerId));
        Assert.Equal("+16505550501", customer.Phone);
    }

    [Fact]
    public async Task New_verified_address_is_linked_to_the_profile()
    {
        var visitor = await _db.ResolveAsync(ChannelIdentityKind.WidgetVisitor, Guid.NewGuid().ToString(), IdentityEvidence.WidgetVisitor);

        var result = await _db.LinkAsync(visitor.CustomerId, ChannelIdentityKind.Email, "Ann@Example.com", IdentityEvidence.EmailToken);

        Assert.Equal(LinkStatus.Linked, result.Status);
        var identities = await _db.QueryAsync(db => db.ChannelIdentities.AsNoTracking().Where(i => i.CustomerId == visitor.CustomerId).ToListAsync());
        Assert.Contains(identities, i => i.Kind == ChannelIdentityKind.Email && i.Value == "ann@example.com" && i.Evidence == IdentityEvidence.EmailToken);
        Assert.Equal(LinkStatus.AlreadyLinked, (await _db.LinkAsync(visitor.CustomerId, ChannelIdentityKind.Email, "ann@example.com", IdentityEvidence.EmailToken)).Status);
    }

    [Fact]
    public async Task Verified_address_of_another_profile_merges_both_into_one_customer_and_one_thread()
    {
        var web = await _db.ResolveAsync(ChannelIdentityKind.WidgetVisitor, Guid.NewGuid().ToString(), IdentityEvidence.WidgetVisitor);
        var webThread = await _db.ThreadAsync(web.CustomerId, Channel.Widget, Monday, "candles please", "Here are three candles");
        var whatsapp = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550502", IdentityEvidence.WhatsAppInbound);
        var whatsappThread = await _db.ThreadAsync(whatsapp.CustomerId, Channel.WhatsApp, Monday.AddHours(1), "hi", "Hello! How can I help?");

        var result = await _db.LinkAsync(web.CustomerId, ChannelIdentityKind.Phone, "+16505550502", IdentityEvidence.ContinuityCode, webThread);

        Assert.Equal(LinkStatus.Merged, result.Status);
        Assert.Equal(web.CustomerId, result.CustomerId);
        Assert.Equal(whatsapp.CustomerId, result.OtherCustomerId);
        Assert.False(await _db.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == whatsapp.CustomerId)));
        Assert.Equal(web.CustomerId, (await _db.QueryAsync(db => db.ChannelIdentities.AsNoTracking().SingleAsync(i => i.Id == whatsapp.Id))).CustomerId);
        var threads = await _db.QueryAsync(db => db.Conversations.AsNoTracking().Where(c => c.CustomerId == web.CustomerId).ToListAsync());
        var thread = Assert.Single(threads);
        Assert.Equal(webThread, thread.Id);
        Assert.False(await _db.QueryAsync(db => db.Conversations.AnyAsync(c => c.Id == whatsappThread)));
        var messages = await _db.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.ConversationId == webThread).OrderBy(m => m.Seq).ToListAsync());
        Assert.Equal(["candles please", "Here are three candles", "hi", "Hello! How can I help?"], messages.Select(m => m.Text));
        Assert.Equal([1L, 2L, 3L, 4L], messages.Select(m => m.Seq));
        Assert.Equal(4, thread.LastSeq);
        Assert.Equal(Channel.WhatsApp, thread.LastChannel);
        var record = await _db.QueryAsync(db => db.IdentityLinkRecords.AsNoTracking().SingleAsync(r => r.CustomerId == web.CustomerId));
        Assert.Equal(IdentityLinkOutcome.Merged, record.Outcome);
        Assert.Equal(IdentityEvidence.ContinuityCode, record.Evidence);
    }

    [Fact]
    public async Task Profiles_of_two_different_shopify_customers_are_never_merged()
    {
        var first = await _db.ResolveAsync(ChannelIdentityKind.ShopifyCustomer, "1001", IdentityEvidence.ShopifyCustomer);
        var second = await _db.ResolveAsync(ChannelIdentityKind.ShopifyCustomer, "1002", IdentityEvidence.ShopifyCustomer);
        await _db.LinkAsync(second.CustomerId, ChannelIdentityKind.Email, "shared@example.com", IdentityEvidence.ShopifyCustomer);

        var result = await _db.LinkAsync(first.CustomerId, ChannelIdentityKind.Email, "shared@example.com", IdentityEvidence.EmailToken);

        Assert.Equal(LinkStatus.Conflict, result.Status);
        Assert.Contains("two different Shopify customers", result.Reason);
        Assert.True(await _db.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == first.CustomerId)));
        Assert.True(await _db.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == second.CustomerId)));
        Assert.Equal(second.CustomerId, await _db.QueryAsync(db => db.ChannelIdentities.Where(i => i.Value == "shared@example.com").Select(i => i.CustomerId).SingleAsync()));
        var record = await _db.QueryAsync(db => db.IdentityLinkRecords.AsNoTracking().SingleAsync(r => r.Outcome == IdentityLinkOutcome.Conflict));
        Assert.Equal(first.CustomerId, record.CustomerId);
        Assert.Equal(second.CustomerId, record.OtherCustomerId);
    }

    [Fact]
    public async Task Profiles_with_different_verified_phones_are_not_merged_automatically()
    {
        var a = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550503", IdentityEvidence.WhatsAppInbound);
        var b = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550504", IdentityEvidence.WhatsAppInbound);
        await _db.LinkAsync(b.CustomerId, ChannelIdentityKind.Email, "bea@example.com", IdentityEvidence.EmailToken);

        var result = await _db.LinkAsync(a.CustomerId, ChannelIdentityKind.Email, "bea@example.com", IdentityEvidence.EmailToken);

        Assert.Equal(LinkStatus.Conflict, result.Status);
        Assert.Contains("different verified phone numbers", result.Reason);
        Assert.Equal(2, await _db.QueryAsync(db => db.Customers.CountAsync(c => c.Id == a.CustomerId || c.Id == b.CustomerId)));
        Assert.Equal(1, await _db.QueryAsync(db => db.IdentityLinkRecords.CountAsync(r => r.Outcome == IdentityLinkOutcome.Conflict && r.CustomerId == a.CustomerId)));
    }

    [Fact]
    public async Task Shopify_record_whose_email_and_phone_point_to_two_profiles_is_recorded_not_merged()
    {
        var byEmail = await _db.ResolveAsync(ChannelIdentityKind.Email, "cleo@example.com", IdentityEvidence.EmailToken);
        var byPhone = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550505", IdentityEvidence.WhatsAppInbound);

        var result = await _db.RunAsync(s => s.GetRequiredService<CustomerIdentities>()
            .LinkShopifyCustomerAsync(5001, "cleo@example.com", "+1 650 555 0505", null, CancellationToken.None));

        Assert.Equal(LinkStatus.Conflict, result.Status);
        Assert.Contains("two different profiles", result.Reason);
        Assert.True(await _db.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == byEmail.CustomerId)));
        Assert.True(await _db.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == byPhone.CustomerId)));
        Assert.Equal(byEmail.CustomerId, await _db.QueryAsync(db => db.ChannelIdentities.Where(i => i.Value == "cleo@example.com").Select(i => i.CustomerId).SingleAsync()));
        Assert.Equal(byPhone.CustomerId, await _db.QueryAsync(db => db.ChannelIdentities.Where(i => i.Value == "+16505550505").Select(i => i.CustomerId).SingleAsync()));
        Assert.Equal(1, await _db.QueryAsync(db => db.IdentityLinkRecords.CountAsync(r => r.Outcome == IdentityLinkOutcome.Conflict)));
    }

    [Fact]
    public async Task Shopify_record_adopts_the_whatsapp_profile_that_has_its_phone()
    {
        var whatsapp = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550506", IdentityEvidence.WhatsAppInbound);
        var thread = await _db.ThreadAsync(whatsapp.CustomerId, Channel.WhatsApp, Monday, "where is my order?", "Let me look");

        var result = await _db.RunAsync(s => s.GetRequiredService<CustomerIdentities>()
            .LinkShopifyCustomerAsync(5002, "Dana@Example.com", "(650) 555-0506", "US", CancellationToken.None));

        Assert.Equal(LinkStatus.Merged, result.Status);
        var survivor = await _db.QueryAsync(db => db.Customers.AsNoTracking().Include(c => c.Identities).SingleAsync(c => c.Id == result.CustomerId));
        Assert.Equal(5002, survivor.ShopifyId);
        Assert.Contains(survivor.Identities, i => i.Kind == ChannelIdentityKind.Phone && i.Value == "+16505550506");
        Assert.Contains(survivor.Identities, i => i.Kind == ChannelIdentityKind.Email && i.Value == "dana@example.com");
        Assert.Contains(survivor.Identities, i => i.Kind == ChannelIdentityKind.ShopifyCustomer && i.Value == "5002");
        Assert.Equal(survivor.Id, await _db.QueryAsync(db => db.Conversations.Where(c => c.Id == thread).Select(c => c.CustomerId).SingleAsync()));
        Assert.Equal(1, await _db.QueryAsync(db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task Unverified_looking_address_is_refused()
    {
        var visitor = await _db.ResolveAsync(ChannelIdentityKind.WidgetVisitor, Guid.NewGuid().ToString(), IdentityEvidence.WidgetVisitor);

        await Assert.ThrowsAsync<ArgumentException>(() => _db.LinkAsync(visitor.CustomerId, ChannelIdentityKind.Phone, "call me maybe", IdentityEvidence.ContinuityCode));
        await Assert.ThrowsAsync<ArgumentException>(() => _db.LinkAsync(visitor.CustomerId, ChannelIdentityKind.Email, "not-an-email", IdentityEvidence.EmailToken));
    }
}
