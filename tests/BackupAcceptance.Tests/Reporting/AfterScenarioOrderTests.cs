using System.Reflection;
using BackupAcceptance.Suite.Hooks;
using NUnit.Framework;
using Reqnroll;
using Shouldly;

namespace BackupAcceptance.Tests.Reporting;

/// <summary>The after-scenario hooks run in the order the outputs need (Reqnroll runs the lowest Order first): the
/// verdict is worked out before anything reads it, the history is written before the Allure result plots it, and the
/// session goes back last.</summary>
public sealed class AfterScenarioOrderTests
{
    private static int Order(Type hooks, string method) =>
        hooks.GetMethod(method)!.GetCustomAttribute<AfterScenarioAttribute>()!.Order;

    [Test]
    public void The_verdict_then_the_history_then_the_report_then_the_summary_and_the_session()
    {
        int[] orders =
        [
            Order(typeof(VerdictHooks), nameof(VerdictHooks.Judge)),
            Order(typeof(HistoryHooks), nameof(HistoryHooks.RecordAsync)),
            Order(typeof(AllureHooks), nameof(AllureHooks.WriteResultAsync)),
            Order(typeof(ScenarioHooks), nameof(ScenarioHooks.AfterScenarioAsync)),
        ];
        orders.ShouldBeInOrder(SortDirection.Ascending);
        orders.Distinct().Count().ShouldBe(orders.Length, "no two at the same order, whose turn Reqnroll does not fix");
    }
}
