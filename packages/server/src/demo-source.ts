// Stand-in until src/demo (SERVER-QUERY) provides generateDemoDataset / loadFixture / DEMO_API_KEY.
import type { Dataset, DemoOptions } from './demo/dataset';

/** The demo data set. */
export async function demoDataset(_options: DemoOptions): Promise<Dataset> {
  throw new Error('Demo data is not available yet');
}

/** A data set from a parsed JSON fixture. */
export async function fixtureDataset(_json: unknown): Promise<Dataset> {
  throw new Error('Fixtures are not available yet');
}

/** The demo user's API key. */
export async function DEMO_KEY(): Promise<string> {
  throw new Error('Demo data is not available yet');
}
