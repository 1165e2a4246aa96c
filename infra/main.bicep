// CostGuard in one Azure subscription: resource group, storage (queues, tables, policies, locks), Key Vault,
// Log Analytics + Application Insights, the Flex Consumption Function App with its managed identity and
// RBAC, the heartbeat alert, and the per-target-subscription roles and Event Grid wiring.
// Deploy: az deployment sub create -l <region> -f infra/main.bicep -p infra/main.production.example.bicepparam
targetScope = 'subscription'

@description('Short environment name (dev, prod): part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of the guard.')
param location string

@description('Resource group the guard lives in.')
param resourceGroupName string = 'costguard-${environmentName}'

@description('Storage account name; globally unique, 3-24 lower-case letters and digits.')
@minLength(3)
@maxLength(24)
param storageAccountName string = take('costguard${environmentName}${uniqueString(subscription().id, environmentName)}', 24)

@description('Key Vault name; globally unique, 3-24 characters.')
@minLength(3)
@maxLength(24)
param keyVaultName string = take('cg-${environmentName}-${uniqueString(subscription().id, environmentName)}', 24)

@description('Tables of the state store.')
param tableNames array = [
  'audit'
  'health'
  'budgets'
  'ledger'
]

@description('App setting names holding webhook URLs: every webhookUrlSetting your policies name.')
param webhookSettingNames array = []

@description('Optional initial webhook URLs by setting name (prefer az keyvault secret set after the deployment).')
@secure()
param webhookUrls object = {}

@description('Optional EventBridge API key; empty: set Key Vault secret costguard-eventbridge-api-key yourself.')
@secure()
param eventBridgeApiKey string = ''

@description('ARN of the AWS base role the guard assumes with its managed identity (infra/aws); empty: no AWS.')
param awsWebIdentityRoleArn string = ''

@description('Audience of the managed identity token presented to AWS STS.')
param awsWebIdentityAudience string = 'api://AzureADTokenExchange'

@description('NCRONTAB schedule of the scheduler timer.')
param sweepSchedule string = '0 * * * * *'

@description('Failed sweeps in a row before guard-unhealthy.')
@minValue(1)
param unhealthyAfterFailures int = 3

@description('Minutes between sweeps of an account (the policies\' sweepInterval).')
@minValue(1)
param sweepIntervalMinutes int = 5

@description('Sweep intervals without a successful sweep before the heartbeat alert fires.')
@minValue(1)
param missedSweepsBeforeAlert int = 3

@description('Existing action group for the guard\'s alerts; empty creates one that e-mails alertEmails.')
param actionGroupId string = ''

@description('Who is e-mailed when the guard itself needs attention (only when actionGroupId is empty).')
param alertEmails array = []

@description('Object id of the deployment identity (GitHub Actions OIDC); it may then upload the app package and policies. Empty: none.')
param deploymentPrincipalId string = ''

@description('Target subscriptions: { subscriptionId, enableTermination?, gpuWorkspaceIds?, enableLaunchEvents?, eventsResourceGroupName? }.')
param targetSubscriptions array = []

param tags object = {
  application: 'costguard'
  environment: environmentName
}

var prefix = 'costguard-${environmentName}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'costguard-monitoring'
  scope: group
  params: {
    location: location
    prefix: prefix
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'costguard-storage'
  scope: group
  params: {
    location: location
    name: storageAccountName
    tableNames: tableNames
    tags: tags
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'costguard-keyvault'
  scope: group
  params: {
    location: location
    name: keyVaultName
    webhookSettingNames: webhookSettingNames
    webhookUrls: webhookUrls
    eventBridgeApiKey: eventBridgeApiKey
    tags: tags
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'costguard-functionapp'
  scope: group
  params: {
    location: location
    prefix: prefix
    storageAccountName: storage.outputs.name
    packageContainerUrl: storage.outputs.packageContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    secretSettings: vault.outputs.appSettings
    sweepSchedule: sweepSchedule
    unhealthyAfterFailures: unhealthyAfterFailures
    awsWebIdentityRoleArn: awsWebIdentityRoleArn
    awsWebIdentityAudience: awsWebIdentityAudience
    tags: tags
  }
}

module appRoles 'modules/app-rbac.bicep' = {
  name: 'costguard-app-rbac'
  scope: group
  params: {
    principalId: app.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    appInsightsName: monitoring.outputs.insightsName
  }
}

module deployer 'modules/deployer-rbac.bicep' = if (!empty(deploymentPrincipalId)) {
  name: 'costguard-deployer-rbac'
  scope: group
  params: {
    storageAccountName: storage.outputs.name
    principalId: deploymentPrincipalId
  }
}

module actions 'modules/action-group.bicep' = if (empty(actionGroupId)) {
  name: 'costguard-action-group'
  scope: group
  params: {
    prefix: prefix
    emails: alertEmails
    tags: tags
  }
}

module heartbeat 'modules/heartbeat-alert.bicep' = {
  name: 'costguard-heartbeat-alert'
  scope: group
  params: {
    location: location
    prefix: prefix
    appInsightsId: monitoring.outputs.insightsId
    actionGroupId: empty(actionGroupId) ? actions!.outputs.id : actionGroupId
    sweepIntervalMinutes: sweepIntervalMinutes
    missedIntervals: missedSweepsBeforeAlert
    tags: tags
  }
}

module targets 'modules/target-subscription.bicep' = [for target in targetSubscriptions: {
  name: 'costguard-target-${uniqueString(target.subscriptionId)}'
  scope: subscription(target.subscriptionId)
  params: {
    principalId: app.outputs.principalId
    enableTermination: target.?enableTermination ?? false
    gpuWorkspaceIds: target.?gpuWorkspaceIds ?? []
    enableLaunchEvents: target.?enableLaunchEvents ?? true
    eventsResourceGroupName: target.?eventsResourceGroupName ?? 'costguard-events'
    storageAccountId: storage.outputs.id
    location: location
  }
}]

output resourceGroupName string = group.name
output functionAppName string = app.outputs.name
output functionAppHostName string = app.outputs.hostName
@description('Object id of the guard\'s managed identity: the subject the AWS roles trust.')
output principalId string = app.outputs.principalId
output storageAccountName string = storage.outputs.name
output keyVaultName string = vault.outputs.name
@description('Where EventBridge API destinations deliver AWS launch events.')
output awsEventsEndpoint string = 'https://${app.outputs.hostName}/api/events/aws'
