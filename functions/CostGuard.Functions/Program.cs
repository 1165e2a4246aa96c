using CostGuard.Functions;
using Microsoft.Extensions.Hosting;

// The worker host: scheduler timer -> costguard-sweeps queue -> account sweeps; poison handling; status endpoints.
FunctionsHost.CreateBuilder(args).Build().Run();
