// The guard watching itself: an alert when no sweep has succeeded for N sweep intervals. It reads the
// heartbeat the app records (OpenTelemetry counter costguard.sweeps, result=succeeded, in customMetrics)
// and notifies the same action group as the guard's other alerts.

param location string
param prefix string

@description('Application Insights resource holding the guard\'s telemetry.')
param appInsightsId string

@description('Action group the guard\'s alerts go to.')
param actionGroupId string

@description('Minutes between sweeps (the policies\' sweepInterval).')
@minValue(1)
param sweepIntervalMinutes int = 5

@description('Sweep intervals without a successful sweep before the alert fires.')
@minValue(1)
param missedIntervals int = 3

param tags object = {}

var windowMinutes = sweepIntervalMinutes * missedIntervals

// count() over no rows is one row with 0, so "nothing recorded at all" fires too (a dead app records nothing).
var query = '''
customMetrics
| where name == "costguard.sweeps"
| where tostring(customDimensions["result"]) == "succeeded"
| where valueSum > 0
| summarize succeeded = count()
'''

resource rule 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${prefix}-heartbeat'
  location: location
  tags: tags
  properties: {
    displayName: 'CostGuard stopped sweeping'
    description: 'No successful CostGuard sweep for ${missedIntervals} sweep intervals (${windowMinutes} min): the guard is not protecting any account. Check the Function App, its identity and the costguard-sweeps-poison queue.'
    severity: 1
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT${min(sweepIntervalMinutes, 15)}M'
    windowSize: 'PT${windowMinutes}M'
    criteria: {
      allOf: [
        {
          query: query
          timeAggregation: 'Total'
          metricMeasureColumn: 'succeeded'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}

output id string = rule.id
