// Key Vault for the guard's secrets: the Slack/Teams webhook URLs (one secret per app setting the policy
// names in webhookUrlSetting) and the EventBridge API key. RBAC-authorized; the app reads the secrets through
// Key Vault references in its app settings, so no secret value is ever an app setting or a template output.

param location string

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('App setting names that hold webhook URLs (the policy\'s webhookUrlSetting values).')
param webhookSettingNames array

@description('Optional initial webhook URLs by setting name. Leave empty and set the secrets with az keyvault secret set instead, to keep them out of deployment history.')
@secure()
param webhookUrls object = {}

@description('Optional EventBridge API key (header x-costguard-api-key). Empty: set secret costguard-eventbridge-api-key yourself.')
@secure()
param eventBridgeApiKey string = ''

param tags object = {}

var eventBridgeSecretName = 'costguard-eventbridge-api-key'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Setting names may hold underscores; secret names may not.
resource webhookSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for setting in webhookSettingNames: if (contains(webhookUrls, setting)) {
  parent: vault
  name: replace(toLower(setting), '_', '-')
  properties: {
    value: webhookUrls[setting]
    contentType: 'webhook URL'
  }
}]

resource eventBridgeSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(eventBridgeApiKey)) {
  parent: vault
  name: eventBridgeSecretName
  properties: {
    value: eventBridgeApiKey
    contentType: 'EventBridge API destination key'
  }
}

// Versionless references (vault + secret name): a rotated secret is picked up without redeploying the app.
var webhookReferences = [for setting in webhookSettingNames: {
  name: setting
  value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${replace(toLower(setting), '_', '-')})'
}]

output id string = vault.id
output name string = vault.name

@description('App settings (name/value) that reference the vault; the values are references, not secrets.')
output appSettings array = concat(webhookReferences, [
  {
    name: 'COSTGUARD_EVENTBRIDGE_API_KEY'
    value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${eventBridgeSecretName})'
  }
])
