using CostGuard.Policies;

namespace CostGuard.Alerts.Messages;

/// <summary>The fixed words of one kind of item.</summary>
internal sealed record ItemText(string Kind, string Title, AlertSeverity Severity, string WhatWasDone, string? HowToAct);
