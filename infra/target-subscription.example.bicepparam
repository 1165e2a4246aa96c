// Example: one target subscription on its own (when its owners deploy it, not the guard's deployment).
// az deployment sub create -l westeurope -f infra/modules/target-subscription.bicep -p infra/target-subscription.example.bicepparam
using 'modules/target-subscription.bicep'

param principalId = '11111111-2222-3333-4444-555555555555'
param storageAccountId = '/subscriptions/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/resourceGroups/costguard-prod/providers/Microsoft.Storage/storageAccounts/costguardprodabc123'
param location = 'westeurope'
param enableTermination = false
param gpuWorkspaceIds = [
  '/subscriptions/5f0c5b8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/gpu-metrics'
]
