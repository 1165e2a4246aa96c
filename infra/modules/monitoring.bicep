// Log Analytics workspace and workspace-based Application Insights for the guard's own telemetry
// (the OpenTelemetry meter "CostGuard" lands in customMetrics; the heartbeat alert reads it there).

@description('Azure region.')
param location string

@description('Name prefix shared by every resource of this deployment.')
param prefix string

@description('Days the guard\'s logs are kept.')
@minValue(30)
@maxValue(730)
param retentionDays int = 90

param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${prefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is accepted only with an Entra token: the app sends it with its managed identity.
    DisableLocalAuth: true
  }
}

output workspaceId string = workspace.id
output insightsId string = insights.id
output insightsName string = insights.name
output connectionString string = insights.properties.ConnectionString
