export * from './engine';
export * from './image-reference';
export * from './images';
export * from './layers';
export * from './instructions';
export * from './image-build';
export * from './registries';
