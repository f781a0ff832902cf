/**
 * The campaign simulator (docs/simulator.md): the simulated clock, the scenarios, the inquiry draw (plain
 * TypeScript) and, for the API, the routes and the runner.
 */
export * from './simulated-time';
export * from './inquiry-draw';
export * from './scenarios';
export * from './simulation.entity';
export * from './simulation-clock';
export * from './simulation.module';
export * from './simulation.service';
