// The custom role CostGuard acts with in one target subscription: read VMs, deallocate them and write
// their tags; delete only when termination is enabled. No wildcards: every action is one the Azure
// adapter calls (functions/CostGuard.Azure/README.md; the permission matrix is in infra/README.md).
targetScope = 'subscription'

@description('Grant Microsoft.Compute/virtualMachines/delete (orphans.terminateAfter). Off by default.')
param enableTermination bool = false

var readActions = [
  'Microsoft.Compute/virtualMachines/read'
  'Microsoft.Compute/virtualMachines/instanceView/read'
  'Microsoft.Resources/subscriptions/resourceGroups/read'
  // Polls of the deallocate/update/delete long-running operations.
  'Microsoft.Compute/locations/operations/read'
]

var enforceActions = [
  'Microsoft.Compute/virtualMachines/deallocate/action'
  // Tags are written with one PATCH of the VM (VirtualMachineResource.UpdateAsync), which ARM authorizes
  // as virtualMachines/write; the tags API alone (Microsoft.Resources/tags/write) is not what the adapter calls.
  'Microsoft.Compute/virtualMachines/write'
]

var terminateActions = enableTermination ? [
  'Microsoft.Compute/virtualMachines/delete'
] : []

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  // Stable name: toggling termination updates the role in place instead of creating a second one.
  name: guid(subscription().id, 'costguard-enforcer')
  properties: {
    roleName: 'CostGuard enforcer (${subscription().subscriptionId})'
    description: 'CostGuard: read VMs, deallocate idle/over-budget GPU VMs, tag orphans${enableTermination ? ', delete orphans' : ''}.'
    type: 'CustomRole'
    assignableScopes: [
      subscription().id
    ]
    permissions: [
      {
        actions: concat(readActions, enforceActions, terminateActions)
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

output id string = role.id
output actions array = concat(readActions, enforceActions, terminateActions)
