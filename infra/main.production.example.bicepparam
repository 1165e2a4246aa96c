// Example production parameters. Secrets are never written here: they come from the environment of the
// deploying shell (or are set in Key Vault after the deployment), so this file can be committed.
using 'main.bicep'

param environmentName = 'prod'
param location = 'westeurope'

// Every webhookUrlSetting the policies name (policies/finops-routing.json uses these).
param webhookSettingNames = [
  'SLACK_FINOPS_WEBHOOK'
  'TEAMS_ML_PLATFORM_WEBHOOK'
]
param eventBridgeApiKey = readEnvironmentVariable('COSTGUARD_EVENTBRIDGE_API_KEY', '')

// The AWS base role from infra/aws/costguard-enforcer-role.json deployed in the payer account.
param awsWebIdentityRoleArn = 'arn:aws:iam::999988887777:role/CostGuardEnforcer'

// The GitHub Actions deployment identity (deploy.yml), allowed to upload the app package and the policies.
param deploymentPrincipalId = readEnvironmentVariable('COSTGUARD_DEPLOYMENT_PRINCIPAL_ID', '')

param sweepIntervalMinutes = 5
param missedSweepsBeforeAlert = 3
param alertEmails = [
  'finops-oncall@example.com'
]

param targetSubscriptions = [
  {
    subscriptionId: '5f0c5b8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f'
    enableTermination: false
    gpuWorkspaceIds: [
      '/subscriptions/5f0c5b8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/gpu-metrics'
    ]
  }
  {
    subscriptionId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'
    enableTermination: true
    enableLaunchEvents: false
  }
]
