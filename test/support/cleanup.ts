import { resetFakes } from './client';

afterEach(() => resetFakes());
