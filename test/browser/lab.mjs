export async function runLab() { return { passed: 0, failed: 0 }; }
