export const mockRouter = { push: jest.fn(), replace: jest.fn(), back: jest.fn() };
export const mockParams: { current: Record<string, string> } = { current: {} };
