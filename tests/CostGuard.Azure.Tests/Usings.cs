global using CostGuard.Azure.Fakes;
