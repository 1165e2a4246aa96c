// The guard's Function App: Linux, .NET isolated, Flex Consumption, system-assigned identity. Storage is
// reached through the identity (AzureWebJobsStorage__accountName), telemetry through Entra auth, secrets
// through Key Vault references; no connection string or key is stored in the app.

param location string
param prefix string

@description('Storage account the host, the queues and the state store use.')
param storageAccountName string

@description('Blob container URL the Flex Consumption plan deploys the app package from.')
param packageContainerUrl string

param appInsightsConnectionString string

@description('Name/value app settings referencing Key Vault secrets (webhook URLs, EventBridge API key).')
param secretSettings array

@description('NCRONTAB schedule of the scheduler timer (COSTGUARD_SWEEP_SCHEDULE).')
param sweepSchedule string = '0 * * * * *'

@description('Failed sweeps in a row before an account is reported guard-unhealthy.')
@minValue(1)
param unhealthyAfterFailures int = 3

@description('Blob container holding the policies (one per blob).')
param policyContainerName string = 'policies'

@description('ARN of the AWS base role assumed with the managed identity\'s token; empty uses the standard AWS chain.')
param awsWebIdentityRoleArn string = ''

@description('Audience of the Entra token presented to AWS STS (must match the IAM OIDC provider\'s client id).')
param awsWebIdentityAudience string = 'api://AzureADTokenExchange'

@description('.NET version of the isolated worker.')
param dotnetVersion string = '10.0'

@description('Most instances the plan scales out to; sweeps fan out per account through the queue.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

param tags object = {}

var baseSettings = [
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storageAccountName
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsightsConnectionString
  }
  {
    // Application Insights has local auth off: telemetry is sent with the app's identity.
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD'
  }
  {
    name: 'COSTGUARD_SWEEP_SCHEDULE'
    value: sweepSchedule
  }
  {
    name: 'COSTGUARD_UNHEALTHY_AFTER_FAILURES'
    value: string(unhealthyAfterFailures)
  }
  {
    name: 'COSTGUARD_POLICY_CONTAINER'
    value: policyContainerName
  }
  {
    name: 'COSTGUARD_AWS_WEB_IDENTITY_AUDIENCE'
    value: awsWebIdentityAudience
  }
]

var awsSettings = empty(awsWebIdentityRoleArn) ? [] : [
  {
    name: 'COSTGUARD_AWS_WEB_IDENTITY_ROLE_ARN'
    value: awsWebIdentityRoleArn
  }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${prefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: '${prefix}-func'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(baseSettings, awsSettings, secretSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: packageContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// Deployments go through Entra (OIDC in GitHub Actions), never publishing profiles.
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = site.id
output name string = site.name
output principalId string = site.identity.principalId
output hostName string = site.properties.defaultHostName
