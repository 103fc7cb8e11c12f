global using Microsoft.Extensions.AI;
