using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Scheduling;

public sealed class PriorityTests
{
    [Fact]
    public async Task Queued_calls_start_by_priority_and_first_in_first_out_within_a_priority()
    {
        var held = new HeldCalls();
        await using McpConnection connection = TestConnections.Create(new ScriptedSession(held.Hold));
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string> blocker = tools.NormalAsync(0);
        await held.WaitForAsync(1);
        var queued = new List<Task<string>>
        {
            tools.LowAsync(1),
            tools.NormalAsync(2),
            tools.HighAsync(3),
            tools.CriticalAsync(4),
            tools.LowAsync(5),
            tools.HighAsync(6),
            tools.NormalAsync(7),
            tools.CriticalAsync(8),
        };
        Assert.Equal(new McpQueuedCounts(2, 2, 2, 2), connection.GetStats().Tools["single"].Queued);

        var order = new List<string>();
        for (int i = 0; i < 9; i++)
        {
            order.Add(await held.ReleaseNextAsync());
        }

        await Task.WhenAll(queued.Append(blocker));
        int[] started = order.Skip(1).Select(Id).ToArray();
        Assert.Equal([4, 8, 3, 6, 2, 7, 1, 5], started);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(8, 5)]
    public async Task Under_sustained_High_load_a_Low_call_starts_within_the_stated_bound_of_High_admissions(int agingStep, int queuedAhead)
    {
        // The bound: a call waiting with priority p outranks every call of priority q that arrives
        // (q - p) x agingStep admissions after it. With one new High call per admission, a Low call therefore
        // waits for the calls queued ahead of it plus the 2 x agingStep High calls that arrive after it.
        int bound = queuedAhead + (2 * agingStep);
        var held = new HeldCalls();
        await using McpConnection connection = TestConnections.Create(
            new ScriptedSession(held.Hold), new McpConnectionOptions { PriorityAgingAdmissions = agingStep });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        var calls = new List<Task<string>> { tools.HighAsync(1000) };
        await held.WaitForAsync(1);
        for (int i = 0; i < queuedAhead; i++)
        {
            calls.Add(tools.HighAsync(2000 + i));
        }

        Task<string> low = tools.LowAsync(1);
        calls.Add(low);
        await held.ReleaseNextAsync(); // the blocker; its slot goes to the best waiter
        await held.WaitForAsync(1);
        int released = 1;

        int highAdmissions = 0;
        for (int next = 0; ; next++)
        {
            // Sustained load, one step at a time: a new High call arrives, then the running call ends and the
            // scheduler admits the best waiter (which the session then holds).
            calls.Add(tools.HighAsync(3000 + next));
            string started = await held.ReleaseNextAsync();
            released++;
            if (Id(started) == 1)
            {
                break;
            }

            highAdmissions++;
            Assert.True(highAdmissions <= bound, $"The Low call was still waiting after {highAdmissions} High admissions (bound {bound}).");
            await held.WaitForAsync(1);
        }

        // Exactly: the calls ahead of it, then the High calls that arrived in its first 2 x step - 1 admissions.
        Assert.Equal(queuedAhead + (2 * agingStep) - 1, highAdmissions);
        for (; released < calls.Count; released++)
        {
            await held.ReleaseNextAsync();
        }

        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task A_High_call_arriving_while_a_Low_call_waits_still_goes_first_when_the_aging_step_is_large()
    {
        var held = new HeldCalls();
        await using McpConnection connection = TestConnections.Create(new ScriptedSession(held.Hold));
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string> blocker = tools.NormalAsync(0);
        await held.WaitForAsync(1);
        Task<string> low = tools.LowAsync(1);
        Task<string> high = tools.HighAsync(2);

        await held.ReleaseNextAsync();
        Assert.Equal(2, Id(await held.ReleaseNextAsync()));
        Assert.Equal(1, Id(await held.ReleaseNextAsync()));
        await Task.WhenAll(blocker, low, high);
    }

    internal static int Id(string arguments) => System.Text.Json.JsonDocument.Parse(arguments).RootElement.GetProperty("id").GetInt32();
}
