using System;
using System.Collections.Generic;
using System.Text;
using McpSdk.Engine.Tasks;
using Xunit;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// The route of <c>notifications/tasks/status</c> to the call following each task: a status that arrives before its
/// watcher (the server announced it before the client read the reply that created the task) is kept, a bounded number
/// of them, and handed over in order when the watcher comes.
/// </summary>
public sealed class TaskStatusRouterTests
{
    [Fact]
    public void A_status_that_arrives_before_its_watcher_is_handed_over_in_order_when_it_watches()
    {
        var router = new TaskStatusRouter();
        router.Observe(Status("a", "working", "first"));
        router.Observe(Status("b", "working", "other task"));
        router.Observe(Status("a", "completed", "second"));
        var seen = new List<string?>();

        using IDisposable watch = router.Watch("a", status => seen.Add(status.StatusMessage));
        router.Observe(Status("a", "completed", "third"));

        Assert.Equal(["first", "second", "third"], seen);
    }

    [Fact]
    public void A_status_handed_over_is_not_handed_to_the_next_watcher_of_the_same_task()
    {
        var router = new TaskStatusRouter();
        router.Observe(Status("a", "working", "early"));
        var first = new List<string?>();
        var second = new List<string?>();

        router.Watch("a", status => first.Add(status.StatusMessage)).Dispose();
        using IDisposable again = router.Watch("a", status => second.Add(status.StatusMessage));

        Assert.Equal(["early"], first);
        Assert.Empty(second);
    }

    [Fact]
    public void Unwatched_statuses_are_kept_up_to_32_and_the_oldest_goes_first()
    {
        var router = new TaskStatusRouter();
        for (int i = 0; i < 33; i++)
        {
            router.Observe(Status("a", "working", $"status {i}"));
        }

        var seen = new List<string?>();
        using IDisposable watch = router.Watch("a", status => seen.Add(status.StatusMessage));

        Assert.Equal(32, seen.Count);
        Assert.Equal(("status 1", "status 32"), (seen[0], seen[^1]));
    }

    [Fact]
    public void A_disposed_watcher_hears_nothing_more_and_an_old_registration_does_not_remove_a_newer_watcher()
    {
        var router = new TaskStatusRouter();
        var old = new List<string?>();
        var current = new List<string?>();
        IDisposable oldWatch = router.Watch("a", status => old.Add(status.StatusMessage));
        oldWatch.Dispose();
        router.Observe(Status("a", "working", "kept for the next watcher"));

        using IDisposable watch = router.Watch("a", status => current.Add(status.StatusMessage));
        oldWatch.Dispose();
        router.Observe(Status("a", "completed", "done"));

        Assert.Empty(old);
        Assert.Equal(["kept for the next watcher", "done"], current);
    }

    [Fact]
    public void A_notification_that_is_not_a_task_status_is_skipped()
    {
        var router = new TaskStatusRouter();
        router.Observe("not json"u8);
        router.Observe("""{"status":"working"}"""u8);
        router.Observe([]);
        var seen = new List<string?>();

        using IDisposable watch = router.Watch("a", status => seen.Add(status.StatusMessage));
        router.Observe(Status("a", "working", "read"));

        Assert.Equal(["read"], seen);
    }

    private static byte[] Status(string taskId, string status, string message) =>
        Encoding.UTF8.GetBytes($$"""{"taskId":"{{taskId}}","status":"{{status}}","statusMessage":"{{message}}"}""");
}
