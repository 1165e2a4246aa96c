// Everything CostGuard needs in ONE target subscription: the enforcer custom role and the read roles for
// the guard's identity, and the Event Grid subscription that sends VM writes to the launch-events queue.
// Deployed at subscription scope, once per target subscription (main.bicep loops over them; it can also
// be deployed on its own: az deployment sub create -f infra/modules/target-subscription.bicep).
targetScope = 'subscription'

@description('Object id of the guard\'s managed identity (the Function App\'s system-assigned identity).')
param principalId string

@description('Grant VM delete for orphan termination. Off by default: stop and tag only.')
param enableTermination bool = false

@description('Resource ids of the Log Analytics workspaces holding this subscription\'s GPU metrics (logAnalyticsWorkspaceId in the policy).')
param gpuWorkspaceIds array = []

@description('Resource id of the guard\'s storage account (events are delivered to its costguard-events queue).')
param storageAccountId string

@description('Resource group in this subscription that holds the Event Grid system topic.')
param eventsResourceGroupName string = 'costguard-events'

@description('Region of that resource group.')
param location string

@description('Send VM write events to the guard (launch enforcement). Off leaves the guard to its timer sweeps.')
param enableLaunchEvents bool = true

var roles = {
  costManagementReader: '72fafb9e-0641-4937-9268-a91bfd8191a3'
  monitoringReader: '43d0d8ad-25c7-4714-9337-8ba259a9fe05'
}

module enforcer 'enforcer-role.bicep' = {
  name: 'costguard-enforcer-role'
  params: {
    enableTermination: enableTermination
  }
}

resource enforcerAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, 'costguard-enforcer')
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: enforcer.outputs.id
  }
}

resource readerAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [
  roles.costManagementReader
  roles.monitoringReader
]: {
  name: guid(subscription().id, principalId, role)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

module workspaceReaders 'workspace-reader.bicep' = [for (workspaceId, i) in gpuWorkspaceIds: {
  name: 'costguard-workspace-reader-${i}'
  scope: resourceGroup(split(workspaceId, '/')[2], split(workspaceId, '/')[4])
  params: {
    workspaceName: last(split(workspaceId, '/'))
    principalId: principalId
  }
}]

resource eventsGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = if (enableLaunchEvents) {
  name: eventsResourceGroupName
  location: location
}

module topic 'vm-events-topic.bicep' = if (enableLaunchEvents) {
  name: 'costguard-vm-events-topic'
  scope: eventsGroup
  params: {
    name: 'costguard-${subscription().subscriptionId}'
  }
}

module sender 'queue-sender.bicep' = if (enableLaunchEvents) {
  name: 'costguard-queue-sender-${uniqueString(subscription().id)}'
  scope: resourceGroup(split(storageAccountId, '/')[2], split(storageAccountId, '/')[4])
  params: {
    storageAccountName: last(split(storageAccountId, '/'))
    principalId: topic!.outputs.principalId
  }
}

module vmWrites 'vm-events-subscription.bicep' = if (enableLaunchEvents) {
  name: 'costguard-vm-events-subscription'
  scope: eventsGroup
  params: {
    topicName: topic!.outputs.name
    storageAccountId: storageAccountId
  }
  dependsOn: [
    sender
  ]
}

output enforcerRoleId string = enforcer.outputs.id
output enforcerActions array = enforcer.outputs.actions
