import type { DatasetUser } from './dataset';

/** The well-known API key of the demo user (not a secret: it only opens the local demo server). */
export const DEMO_API_KEY = 'local-demo-key-00000000000000000000000000000000000000';

const OTHER_USERS = [
  ['ada', 'Ada Lovelace'],
  ['grace', 'Grace Hopper'],
  ['alan', 'Alan Turing'],
  ['katherine', 'Katherine Johnson'],
] as const;

/** The user owning entity number `index` (0 is always `demo`). */
export function demoUser(index: number): DatasetUser {
  if (index === 0) {
    return {
      username: 'demo',
      name: 'Demo User',
      email: 'demo@example.test',
      apiKey: DEMO_API_KEY,
      entity: 'demo',
      teams: [],
      admin: true,
    };
  }
  const [username, name] = OTHER_USERS[index - 1] ?? [`user${index}`, `User ${index}`];
  return {
    username,
    name,
    email: `${username}@example.test`,
    apiKey: `local-${username}-key-`.padEnd(43, '0'),
    entity: username,
    teams: [],
    admin: false,
  };
}

const PROJECT_NAMES = ['mnist', 'cifar10', 'imagenet-tiny', 'sentiment', 'speech-commands'];

/** Name of project number `index` of an entity (0 is always `mnist`). */
export function projectName(index: number): string {
  return PROJECT_NAMES[index] ?? `project-${index}`;
}
